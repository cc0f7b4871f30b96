"""Exact-span evaluation of the scanner on an annotated corpus split.

A predicted span counts only when start, end and label all agree with the gold
annotation. Three set-ups are compared: the rules alone, the trained NER alone,
and the full scanner (rules + NER + resolution). For the full scanner a second,
lenient view is also printed, in which a prediction that overlaps a gold span of
the same label counts (each gold span once): it tells a boundary disagreement on
a long phrase ("camera at gate 3 is broken" against "camera at gate 3 is broken
again") apart from a detail the scanner did not find at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from exposure.models import LABELS
from exposure.pipeline import RESOLVER, RULE_PIPES

CORPUS_DIR = Path(__file__).resolve().parent.parent / "data" / "corpus"
MODES = ("rules", "ner", "full")


@dataclass(frozen=True)
class CorpusRow:
    id: str
    text: str
    lang: str
    spans: tuple[tuple[int, int, str], ...]
    origin: str = "template"  # "hand" for hand-written posts


@dataclass
class LabelScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    per_label: dict[str, LabelScore] = field(
        default_factory=lambda: {label: LabelScore() for label in LABELS}
    )

    def add(
        self, gold: Iterable[tuple[int, int, str]], pred: Iterable[tuple[int, int, str]]
    ) -> None:
        gold_set, pred_set = set(gold), set(pred)
        for s in pred_set:
            score = self.per_label.setdefault(s[2], LabelScore())
            if s in gold_set:
                score.tp += 1
            else:
                score.fp += 1
        for s in gold_set - pred_set:
            self.per_label.setdefault(s[2], LabelScore()).fn += 1

    @property
    def micro(self) -> LabelScore:
        total = LabelScore()
        for s in self.per_label.values():
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
        return total

    @property
    def macro_f1(self) -> float:
        present = [s for s in self.per_label.values() if s.tp + s.fn > 0]
        return sum(s.f1 for s in present) / len(present) if present else 0.0


def match_overlapping(
    gold: Iterable[tuple[int, int, str]], pred: Iterable[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Predictions with each one that overlaps an unmatched gold span of its label
    replaced by that gold span, so exact scoring of the result is overlap scoring."""
    unmatched = sorted(set(gold))
    out = []
    for start, end, label in sorted(set(pred)):
        hit = next((g for g in unmatched if g[2] == label and g[0] < end and start < g[1]), None)
        if hit is None:
            out.append((start, end, label))
        else:
            unmatched.remove(hit)
            out.append(hit)
    return out


def load_split(split: str, lang: str = "all", corpus_dir: Path = CORPUS_DIR) -> list[CorpusRow]:
    path = corpus_dir / f"{split}.jsonl"
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            data = json.loads(line)
            if lang != "all" and data["lang"] != lang:
                continue
            spans = tuple((s["start"], s["end"], s["label"]) for s in data["spans"])
            origin = data.get("origin", "template")
            rows.append(CorpusRow(str(data["id"]), data["text"], data["lang"], spans, origin))
    return rows


def disabled_pipes(nlp: Language, mode: str) -> list[str]:
    if mode == "rules":
        return [p for p in ("ner",) if p in nlp.pipe_names]
    if mode == "ner":
        # The raw statistical model: no rules and no resolver (which keeps only the
        # labels the NER is trusted with and filters implausible spans).
        return [p for p in (*RULE_PIPES, RESOLVER) if p in nlp.pipe_names]
    return []


def predict(
    nlp: Language, texts: Sequence[str], mode: str = "full"
) -> list[list[tuple[int, int, str]]]:
    out = []
    with nlp.select_pipes(disable=disabled_pipes(nlp, mode)):
        for doc in nlp.pipe(texts, batch_size=64):
            if RESOLVER in nlp.pipe_names:
                out.append([(f.start, f.end, f.label) for f in doc._.exposure_findings or []])
            else:
                out.append([(e.start_char, e.end_char, e.label_) for e in doc.ents])
    return out


def score_rows(nlp: Language, rows: Sequence[CorpusRow], mode: str = "full") -> Scores:
    scores = Scores()
    for row, pred in zip(rows, predict(nlp, [r.text for r in rows], mode), strict=True):
        scores.add(row.spans, pred)
    return scores


def format_scores(title: str, scores: Scores) -> str:
    lines = [title, f"{'label':<12}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    for label in LABELS:
        s = scores.per_label.get(label, LabelScore())
        lines.append(
            f"{label:<12}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
            f"{s.tp + s.fn:>7}{s.tp + s.fp:>7}"
        )
    m = scores.micro
    lines.append(
        f"{'micro':<12}{m.precision:>7.3f}{m.recall:>7.3f}{m.f1:>7.3f}"
        f"{m.tp + m.fn:>7}{m.tp + m.fp:>7}"
    )
    lines.append(f"{'macro F1':<12}{'':>14}{scores.macro_f1:>7.3f}")
    return "\n".join(lines)
