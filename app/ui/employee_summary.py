"""Figures "My exposure" shows from a scan: counts per label, timeline, presence grid.

Plain data in and out (no Streamlit), so the same numbers feed the charts, the
table of what would be shared with HR, and the tests.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from exposure.models import LABELS, RISK_LEVELS, Post, PostResult

# The estate is in the Netherlands: presence is about local clock time.
LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")
PRESENCE_LABEL = "SCHEDULE"
EXCERPT_CHARS = 80


def label_counts(results: Sequence[PostResult]) -> dict[str, int]:
    """Per label, how many posts reveal at least one detail of it; every label listed."""
    counts: Counter[str] = Counter()
    for result in results:
        counts.update({f.label for f in result.findings})
    return {label: counts.get(label, 0) for label in LABELS}


def risk_counts(results: Sequence[PostResult]) -> dict[str, int]:
    counts = Counter(r.risk for r in results)
    return {level: counts.get(level, 0) for level in RISK_LEVELS}


def _local(moment: datetime) -> datetime:
    # A time without zone is taken as UTC, which is how the exports write them.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(LOCAL_ZONE)


def local_time(moment: datetime) -> str:
    """A stored moment as local date and time, for display."""
    return f"{_local(moment):%Y-%m-%d %H:%M}"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


@dataclass(frozen=True)
class TimelinePoint:
    when: datetime  # local time
    risk: str
    score: float
    findings: int
    excerpt: str


def timeline(posts: Sequence[Post], results: Sequence[PostResult]) -> list[TimelinePoint]:
    """One point per dated post, oldest first; undated posts are left out."""
    points = [
        TimelinePoint(_local(p.created_at), r.risk, r.score, len(r.findings), excerpt(r.text))
        for p, r in zip(posts, results, strict=True)
        if p.created_at is not None
    ]
    return sorted(points, key=lambda point: point.when)


@dataclass(frozen=True)
class PresenceCell:
    weekday: int  # 0 = Monday
    hour: int  # 0..23, local time
    posts: int


def presence_grid(posts: Sequence[Post], results: Sequence[PostResult]) -> list[PresenceCell]:
    """Weekday x hour of the dated posts that reveal presence or absence (SCHEDULE)."""
    counts: Counter[tuple[int, int]] = Counter()
    for post, result in zip(posts, results, strict=True):
        if post.created_at is None or not any(f.label == PRESENCE_LABEL for f in result.findings):
            continue
        local = _local(post.created_at)
        counts[(local.weekday(), local.hour)] += 1
    return [
        PresenceCell(day, hour, counts.get((day, hour), 0))
        for day in range(7)
        for hour in range(24)
    ]


def riskiest(results: Sequence[PostResult], limit: int = 5) -> list[PostResult]:
    """The posts with findings, most risky first (level, then score)."""
    rank = {level: i for i, level in enumerate(RISK_LEVELS)}
    with_findings = [r for r in results if r.findings]
    ordered = sorted(with_findings, key=lambda r: (-rank.get(r.risk, 0), -r.score))
    return ordered[:limit]
