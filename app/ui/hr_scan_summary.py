"""What HR's scan found, added up: counts per label and risk, and anonymised phrases.

HR scans the sample set or a file it brought itself, never an employee's own posts.
Even so the summary names no one: it keeps no author or post id, and every phrase
and quote passes exposure.conduct's anonymiser, which masks names, numbers and
contact details.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from exposure.conduct import anonymise, default_catalogue, quote
from exposure.models import LABELS, RISK_LEVELS, Finding, PostResult

TOP_PHRASES = 15
EXAMPLES = 8

# Where HR's last scan is kept in Session State, for the conduct-rules proposal.
LAST_SCAN_KEY = "hr.last_scan"


@dataclass(frozen=True)
class HrScan:
    """One scan HR ran: the source in words and the results (no authors, no post ids shown)."""

    source: str  # "sample" or "upload"
    file_name: str | None
    results: tuple[PostResult, ...]
    scanned_at: datetime
    profile_version: int | None  # None: the sample profile
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class LabelCount:
    label: str
    posts: int  # posts with at least one finding of this label
    findings: int


@dataclass(frozen=True)
class PhraseCount:
    label: str
    phrase: str  # anonymised
    count: int


@dataclass(frozen=True)
class Example:
    risk: str
    labels: tuple[str, ...]
    quote: str  # anonymised


@dataclass(frozen=True)
class ScanSummary:
    total_posts: int
    posts_with_findings: int
    by_risk: dict[str, int]
    by_label: tuple[LabelCount, ...]
    top_phrases: tuple[PhraseCount, ...] = ()
    examples: tuple[Example, ...] = field(default=())


def label_name(label: str, lang: str) -> str:
    """A label's name for people, e.g. "Locatie (SITE)"; from the conduct-rule vocabulary."""
    return f"{default_catalogue().vocabulary.label_name(label, lang)} ({label})"


def _phrase(finding: Finding, lang: str, keep: Sequence[str]) -> str:
    alone = Finding(
        start=0,
        end=len(finding.text),
        text=finding.text,
        label=finding.label,
        source=finding.source,
        confidence=finding.confidence,
        explanation=finding.explanation,
    )
    return " ".join(anonymise(finding.text, [alone], lang, keep).split())


def _riskiest_first(results: Iterable[PostResult]) -> list[PostResult]:
    rank = {level: index for index, level in enumerate(RISK_LEVELS)}
    return sorted(results, key=lambda r: (-rank.get(r.risk, 0), -r.score))


def summarise_scan(
    results: Sequence[PostResult],
    lang: str,
    keep_terms: Sequence[str] = (),
    *,
    top: int = TOP_PHRASES,
    examples: int = EXAMPLES,
) -> ScanSummary:
    """Counts per risk and label, the most frequent (anonymised) phrases and example quotes."""
    by_risk = dict.fromkeys(RISK_LEVELS, 0)
    posts = Counter[str]()
    findings = Counter[str]()
    phrases = Counter[tuple[str, str]]()
    spelling: dict[tuple[str, str], str] = {}  # the first way a phrase was written
    for result in results:
        by_risk[result.risk] = by_risk.get(result.risk, 0) + 1
        posts.update({finding.label for finding in result.findings})
        for finding in result.findings:
            findings[finding.label] += 1
            phrase = _phrase(finding, lang, keep_terms)
            if phrase:
                key = (finding.label, phrase.lower())
                phrases[key] += 1
                spelling.setdefault(key, phrase)

    shown: list[Example] = []
    seen: set[str] = set()
    for result in _riskiest_first(results):
        if len(shown) >= examples or result.risk in ("none", "low"):
            break
        if not result.findings:
            continue
        first = max(result.findings, key=lambda f: f.confidence)
        text = quote(result.text, first, result.findings, lang, keep_terms)
        if text and text not in seen:
            seen.add(text)
            labels = tuple(
                label for label in LABELS if any(f.label == label for f in result.findings)
            )
            shown.append(Example(result.risk, labels, text))

    return ScanSummary(
        total_posts=len(results),
        posts_with_findings=sum(1 for result in results if result.findings),
        by_risk=by_risk,
        by_label=tuple(LabelCount(label, posts[label], findings[label]) for label in LABELS),
        top_phrases=tuple(
            PhraseCount(key[0], spelling[key], count) for key, count in phrases.most_common(top)
        ),
        examples=tuple(shown),
    )
