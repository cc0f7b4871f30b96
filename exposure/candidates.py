"""Candidate spans that pipeline components propose before resolution.

Components work on character offsets, not tokens, so that a validated identifier
("GX-123-B", "MSKU 123456 7") is reported exactly as written whatever the
tokenizer makes of its hyphens and spaces. Candidates live on the Doc in the
`exposure_candidates` extension; the resolver turns them into findings.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

# Which part proposed a span; the resolver prefers them in this order when spans overlap.
SOURCE_RANK = {"profile": 4, "identifier": 3, "pattern": 2, "lexicon": 1, "ner": 0}
SOURCE_CONFIDENCE = {
    "profile": 0.95,
    "identifier": 0.97,
    "pattern": 0.85,
    "lexicon": 0.75,
    "ner": 0.6,
    "propagated": 0.7,
}


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    source: str  # profile | identifier | pattern | lexicon | ner
    kind: str = "default"  # subtype, e.g. "phone" or "plate", picks the explanation
    # A composite span (measure + weakness, vehicle + movement + time) wins over the
    # shorter spans it contains, whatever their source.
    composite: bool = False
    # A weak span (a place name on its own) is reported only next to other findings.
    weak: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Resolved:
    """A non-overlapping span chosen by the resolver."""

    start: int
    end: int
    label: str
    source: str
    kind: str
    confidence: float


def register_extensions() -> None:
    if not Doc.has_extension("exposure_candidates"):
        Doc.set_extension("exposure_candidates", default=None)
    if not Doc.has_extension("exposure_findings"):
        Doc.set_extension("exposure_findings", default=None)


def add_candidates(doc: Doc, found: list[Candidate]) -> None:
    if doc._.exposure_candidates is None:
        doc._.exposure_candidates = []
    doc._.exposure_candidates.extend(found)


register_extensions()
