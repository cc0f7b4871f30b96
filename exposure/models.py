"""Data records that flow through the scanner: posts in, findings and risk out.

Every part of the product (CLI, UI, training, conduct rules, tests) shares these
types, so they stay plain dataclasses without behaviour beyond (de)serialising.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

# The fixed label taxonomy of DESIGN.md, in the order the UI lists them.
LABELS: tuple[str, ...] = (
    "ORG",
    "PERSON",
    "ROLE",
    "SITE",
    "SCHEDULE",
    "SECURITY",
    "ACCESS",
    "GOODS",
    "LOGISTICS",
    "IDENTIFIER",
    "LEVERAGE",
)

RISK_LEVELS: tuple[str, ...] = ("none", "low", "medium", "high")


@dataclass(frozen=True)
class Post:
    """One social-media post, whatever platform or file it came from."""

    id: str
    text: str
    lang: str | None = None  # "nl", "en" or None when unknown
    # "x", "facebook", "instagram", "linkedin", "mastodon", "bluesky", "csv", "jsonl", "sample"
    platform: str | None = None
    created_at: datetime | None = None  # timezone-aware where the source says so
    url: str | None = None
    author: str | None = None  # handle or persona id, for dossiers

    def to_dict(self) -> dict:
        data = asdict(self)
        data["created_at"] = self.created_at.isoformat() if self.created_at else None
        return data


@dataclass(frozen=True)
class Finding:
    """A span of a post that tells an outsider something sensitive."""

    start: int  # Python string offsets into the post text
    end: int
    text: str
    label: str  # one of LABELS
    source: str  # which part found it: "identifier", "lexicon", "profile", "ner"
    confidence: float  # 0..1
    explanation: str  # why it matters to a criminal, in the requested UI language
    kind: str = "default"  # subtype within the label ("phone", "weakness", ...); drives risk rules

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class PostResult:
    """The scanner's verdict on one post."""

    post_id: str
    text: str
    lang: str
    risk: str  # one of RISK_LEVELS
    score: float  # 0..1
    findings: tuple[Finding, ...] = ()
    reasons: tuple[str, ...] = ()  # combination rules that fired, human-readable
    rewrite: str | None = None

    def to_json_dict(self) -> dict:
        """The object the batch CLI writes per post (DESIGN.md contract)."""
        return {
            "id": self.post_id,
            "lang": self.lang,
            "risk": self.risk,
            "score": round(self.score, 3),
            "findings": [
                {
                    "start": f.start,
                    "end": f.end,
                    "text": f.text,
                    "label": f.label,
                    "explanation": f.explanation,
                }
                for f in self.findings
            ],
            "rewrite": self.rewrite,
        }


@dataclass
class DossierItem:
    """One thing an outsider learns, with the posts that reveal it."""

    label: str
    value: str
    post_ids: list[str] = field(default_factory=list)


@dataclass
class Dossier:
    """What all of one person's posts add up to."""

    author: str | None
    items: list[DossierItem]
    risk: str
    score: float
    reasons: list[str] = field(default_factory=list)
    post_count: int = 0
