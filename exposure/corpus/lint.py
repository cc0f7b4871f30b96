"""Consistency checks for hand-written corpus files against the annotation guideline.

Exact-span training and evaluation punish writers who disagree: a phrase marked in
one post and left bare in the next teaches the model both. `python -m exposure.corpus
lint FILE...` prints warnings that a person then judges; none of them is an error,
because every rule here has legitimate exceptions.

Checks:
- start: a span starts with a word the guideline keeps outside (G2), unless it is
  one of the fixed expressions the guideline allows (G3);
- end: a span ends with punctuation (G4) other than an abbreviation's full stop;
- swallow: a LOGISTICS span contains goods or an organisation that the rules find;
- unmarked: a phrase that is marked with one label elsewhere in the files appears
  bare, outside every span;
- rule: in a post with markup, the rules find a detail that no span overlaps.
The summary lists phrases marked with different labels in different posts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from exposure.corpus.markup import CorpusPost, parse_file

_KEPT_OUTSIDE = frozenset(
    "de het een mijn m'n mn onze ons jouw je ik we wij ze zij hij ben is sta zit bij in op "
    "om aan the a an my our your his her their i they he she am are at on to".split()
)
# G3 fixed expressions whose first word stays in the span.
FIXED_STARTS = (
    "op vakantie",
    "op reis",
    "op non-actief",
    "in de schulden",
    "in de rode cijfers",
    "in het rood",
    "on call",
    "on leave",
    "on holiday",
    "on my own",
    "on his own",
    "on her own",
    "on our own",
    "on their own",
    "on paternity leave",
    "on maternity leave",
    "on sick leave",
    "on standby",
    "on nights",
    "on days",
    "on earlies",
    "on lates",
    "in the red",
    "in debt",
    "in a hole",
)
_END_PUNCT = tuple(",;:!?)]}'\"")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.)+$")
# Phrases shorter than this, or marked fewer times, are too ambiguous to flag bare.
_MIN_PHRASE_CHARS = 4
_MIN_MARKED = 2
_MIN_MARKED_SHARE = 0.5


@dataclass(frozen=True)
class LintWarning:
    source: str
    line: int
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: [{self.check}] {self.message}"


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def boundary_warnings(post: CorpusPost) -> list[LintWarning]:
    out = []
    for span in post.spans:
        piece = post.text[span.start : span.end]
        lowered = _norm(piece)
        first = lowered.split(" ", 1)[0]
        if first in _KEPT_OUTSIDE and not lowered.startswith(FIXED_STARTS):
            out.append(
                LintWarning(
                    post.source, post.line, "start", f"{piece!r} {span.label} starts with {first!r}"
                )
            )
        if piece.endswith(_END_PUNCT) or (
            piece.endswith(".") and not _ABBREVIATION_END.search(piece)
        ):
            out.append(
                LintWarning(
                    post.source, post.line, "end", f"{piece!r} {span.label} ends in punctuation"
                )
            )
    return out


def marked_phrases(posts: Iterable[CorpusPost]) -> dict[str, Counter]:
    """Normalised span text -> how often it is marked with each label."""
    marked: dict[str, Counter] = defaultdict(Counter)
    for post in posts:
        for span in post.spans:
            marked[_norm(post.text[span.start : span.end])][span.label] += 1
    return marked


def _bare_occurrences(post: CorpusPost, phrase: str) -> list[int]:
    pattern = re.compile(r"(?<![\w#@])" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)")
    starts = []
    for match in pattern.finditer(post.text.lower()):
        inside = any(s.start <= match.start() and match.end() <= s.end for s in post.spans)
        if not inside:
            starts.append(match.start())
    return starts


def unmarked_warnings(posts: Sequence[CorpusPost], marked: dict[str, Counter]) -> list[LintWarning]:
    candidates = {
        phrase: labels
        for phrase, labels in marked.items()
        if len(phrase) >= _MIN_PHRASE_CHARS and sum(labels.values()) >= _MIN_MARKED
    }
    bare: dict[str, list[CorpusPost]] = defaultdict(list)
    for post in posts:
        lowered = post.text.lower()
        for phrase in candidates:
            if phrase in lowered and _bare_occurrences(post, phrase):
                bare[phrase].append(post)
    out = []
    for phrase, where in bare.items():
        labels = candidates[phrase]
        times = sum(labels.values())
        if times / (times + len(where)) < _MIN_MARKED_SHARE:
            continue  # mostly bare: more likely an innocent word than a missed span
        label, count = labels.most_common(1)[0]
        for post in where:
            out.append(
                LintWarning(
                    post.source,
                    post.line,
                    "unmarked",
                    f"{phrase!r} is bare here but marked {label} {count}x elsewhere",
                )
            )
    return out


def rule_warnings(posts: Sequence[CorpusPost]) -> list[LintWarning]:
    """Rule findings that no span touches, and goods or organisations inside LOGISTICS."""
    from exposure.evaluation import predict
    from exposure.pipeline import build_rule_pipeline

    out = []
    for lang in sorted({p.lang for p in posts}):
        group = [p for p in posts if p.lang == lang]
        nlp = build_rule_pipeline(lang)
        for post, found in zip(group, predict(nlp, [p.text for p in group], "full"), strict=True):
            for start, end, label in found:
                piece = post.text[start:end]
                inside_logistics = any(
                    s.label == "LOGISTICS"
                    and s.start <= start
                    and end <= s.end
                    and (s.start, s.end) != (start, end)
                    for s in post.spans
                )
                if label in ("GOODS", "ORG") and inside_logistics:
                    out.append(
                        LintWarning(
                            post.source,
                            post.line,
                            "swallow",
                            f"LOGISTICS span holds {label} {piece!r}",
                        )
                    )
                    continue
                if not post.spans:
                    continue  # benign posts are judged by their writer, not by the rules
                if not any(s.start < end and start < s.end for s in post.spans):
                    out.append(
                        LintWarning(
                            post.source, post.line, "rule", f"rules find {label} {piece!r}, no span"
                        )
                    )
    return out


def conflicts(marked: dict[str, Counter], limit: int = 40) -> list[str]:
    mixed = [(p, c) for p, c in marked.items() if len(c) > 1]
    mixed.sort(key=lambda item: -sum(item[1].values()))
    return [
        f"{phrase!r}: " + ", ".join(f"{label} {n}" for label, n in c.most_common())
        for phrase, c in mixed[:limit]
    ]


def lint(paths: Sequence[Path], with_rules: bool = True) -> tuple[list[LintWarning], list[str]]:
    posts = [post for path in paths for post in parse_file(path)]
    marked = marked_phrases(posts)
    warnings = [w for post in posts for w in boundary_warnings(post)]
    warnings += unmarked_warnings(posts, marked)
    if with_rules:
        warnings += rule_warnings(posts)
    warnings.sort(key=lambda w: (w.source, w.line, w.check))
    return warnings, conflicts(marked)
