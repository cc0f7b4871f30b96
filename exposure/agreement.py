"""Inter-annotator agreement: how consistently the guideline can be applied at all.

data/corpus/agreement/ holds a sample of dev posts annotated a second time by an
annotator who worked from the written guideline only: not the corpus markup, not
the scanner's output. Exact-span agreement between the two markups is the ceiling
for the scanner's exact-span scores, label by label: a scanner cannot match one
annotator more consistently than a second careful annotator does. The same posts
are scored against both markups, so a gap between the scanner and the annotators
is visible per label.

Posts are matched to the dev split by language and text; a post whose text was
later edited in the corpus no longer matches and is counted as stale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from exposure.corpus.markup import parse_file
from exposure.evaluation import CORPUS_DIR, CorpusRow, Scores, load_split, match_overlapping
from exposure.models import LABELS

AGREEMENT_FILE = CORPUS_DIR / "agreement" / "dev_second_annotator.txt"

Spans = tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class AgreementSample:
    rows: tuple[CorpusRow, ...]  # with the corpus markup
    second: tuple[Spans, ...]  # the second annotator's spans, row by row
    stale: int  # posts of the file that no longer match a dev post


def load_sample(path: Path = AGREEMENT_FILE, corpus_dir: Path = CORPUS_DIR) -> AgreementSample:
    by_text = {(r.lang, r.text): r for r in load_split("dev", corpus_dir=corpus_dir)}
    rows, second, stale = [], [], 0
    for post in parse_file(path):
        row = by_text.get((post.lang, post.text))
        if row is None:
            stale += 1
            continue
        rows.append(row)
        second.append(tuple((s.start, s.end, s.label) for s in post.spans))
    return AgreementSample(tuple(rows), tuple(second), stale)


def score_pairs(reference: Sequence[Spans], other: Sequence[Spans]) -> tuple[Scores, Scores]:
    """Exact and lenient (overlap, same label) scores of `other` against `reference`."""
    exact, lenient = Scores(), Scores()
    for ref, spans in zip(reference, other, strict=True):
        exact.add(ref, spans)
        lenient.add(ref, match_overlapping(ref, spans))
    return exact, lenient


def format_agreement(
    annotators: Scores,
    versus_first: Scores,
    versus_second: Scores,
) -> str:
    """Per-label F1: annotator against annotator, scanner against each annotator."""
    lines = [f"{'label':<12}{'spans':>7}{'annotators':>12}{'scanner/1st':>13}{'scanner/2nd':>13}"]
    for label in LABELS:
        a = annotators.per_label.get(label)
        if a is None or a.tp + a.fn == 0:
            continue
        lines.append(
            f"{label:<12}{a.tp + a.fn:>7}{a.f1:>12.3f}"
            f"{versus_first.per_label[label].f1:>13.3f}{versus_second.per_label[label].f1:>13.3f}"
        )
    lines.append(
        f"{'micro':<12}{annotators.micro.tp + annotators.micro.fn:>7}"
        f"{annotators.micro.f1:>12.3f}{versus_first.micro.f1:>13.3f}{versus_second.micro.f1:>13.3f}"
    )
    return "\n".join(lines)
