"""Grading of every exercise type: pure functions from an exercise and an answer to a result.

Scores run from 0 to 1. Only spot-the-leak and multiple choice give partial credit;
the other types are right or wrong. Feedback comes from the content (per option,
per choice, per key phrase) and, for the post exercises, from the scanner itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from exposure.models import Finding, PostResult
from training.schema import (
    MakeItSafe,
    MultipleChoice,
    SingleChoice,
    SpotTheLeak,
    WhatDoYouDo,
    mentions_topic,
)

SAFE_RISKS = frozenset({"none", "low"})
MAX_REWRITE_CHARS = 2000
# A mark counts when it covers at least this share of a key phrase...
COVER_SHARE = 0.5
# ...and is a false mark when more than this share of it lies outside every key phrase.
OUTSIDE_SHARE = 0.5


class TextScanner(Protocol):
    """What grading needs of exposure.scanner.Scanner."""

    def scan_text(self, text: str, lang: str = ..., post_id: str = ...) -> PostResult: ...


MESSAGES: dict[str, dict[str, str]] = {
    "nl": {
        "empty": "Je herschreven bericht is leeg.",
        "too_long": "Je bericht is te lang; houd het onder {limit} tekens.",
        "too_short": "Je bericht is te kort; schrijf minstens {limit} tekens.",
        "unchanged": "Je bericht is niet veranderd.",
        "off_topic": "Houd het bericht over hetzelfde onderwerp; gebruik bijvoorbeeld: {words}.",
        "risky": "De scanner beoordeelt je bericht nog als risico '{risk}'.",
        "safe": "Goed zo: de scanner beoordeelt je bericht als risico '{risk}'.",
    },
    "en": {
        "empty": "Your rewritten post is empty.",
        "too_long": "Your post is too long; keep it under {limit} characters.",
        "too_short": "Your post is too short; write at least {limit} characters.",
        "unchanged": "Your post has not changed.",
        "off_topic": "Keep the post about the same subject; use for example: {words}.",
        "risky": "The scanner still rates your post as risk '{risk}'.",
        "safe": "Well done: the scanner rates your post as risk '{risk}'.",
    },
}

RISK_NAMES: dict[str, dict[str, str]] = {
    "nl": {"none": "geen", "low": "laag", "medium": "middel", "high": "hoog"},
    "en": {"none": "none", "low": "low", "medium": "medium", "high": "high"},
}


def _message(lang: str, key: str, **kwargs: object) -> str:
    return MESSAGES.get(lang, MESSAGES["nl"])[key].format(**kwargs)


# --- answers -------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of a post the learner marked: Python string offsets, end exclusive."""

    start: int
    end: int


@dataclass(frozen=True)
class ChoiceAnswer:
    selected: tuple[int, ...]  # option (or scenario choice) indexes, from 0


@dataclass(frozen=True)
class SpotAnswer:
    selections: tuple[Span, ...]


@dataclass(frozen=True)
class RewriteAnswer:
    text: str


Answer = ChoiceAnswer | SpotAnswer | RewriteAnswer


def answer_to_dict(answer: Answer) -> dict:
    if isinstance(answer, ChoiceAnswer):
        return {"kind": "choice", "selected": list(answer.selected)}
    if isinstance(answer, SpotAnswer):
        return {"kind": "spans", "selections": [[s.start, s.end] for s in answer.selections]}
    return {"kind": "text", "text": answer.text}


def answer_from_dict(data: object) -> Answer:
    """Rebuild a saved answer; raises ValueError on anything malformed."""
    if not isinstance(data, dict):
        raise ValueError("an answer must be an object")
    kind = data.get("kind")
    if kind == "choice":
        selected = data.get("selected")
        if not isinstance(selected, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in selected
        ):
            raise ValueError("a choice answer needs a list of option numbers")
        return ChoiceAnswer(tuple(selected))
    if kind == "spans":
        raw = data.get("selections")
        if not isinstance(raw, list):
            raise ValueError("a spot-the-leak answer needs a list of [start, end] pairs")
        spans = []
        for item in raw:
            if (
                not isinstance(item, list)
                or len(item) != 2
                or not all(isinstance(i, int) and not isinstance(i, bool) for i in item)
            ):
                raise ValueError("a spot-the-leak answer needs a list of [start, end] pairs")
            spans.append(Span(item[0], item[1]))
        return SpotAnswer(tuple(spans))
    if kind == "text":
        text = data.get("text")
        if not isinstance(text, str):
            raise ValueError("a rewrite answer needs text")
        return RewriteAnswer(text[: MAX_REWRITE_CHARS * 2])
    raise ValueError(f"unknown answer kind {kind!r}")


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionFeedback:
    index: int
    text: str
    chosen: bool
    correct: bool
    feedback: str


@dataclass(frozen=True)
class ChoiceResult:
    exercise_id: str
    score: float
    passed: bool  # exactly the correct options were chosen
    options: tuple[OptionFeedback, ...]


@dataclass(frozen=True)
class KeyPhraseResult:
    phrase: str
    label: str
    start: int
    end: int
    found: bool
    explanation: str
    explained_by_scanner: bool


@dataclass(frozen=True)
class SpotTheLeakResult:
    exercise_id: str
    score: float
    passed: bool  # every key phrase found and nothing else marked
    key: tuple[KeyPhraseResult, ...]
    false_marks: tuple[Span, ...]  # marks that lie mostly outside the answer key
    scanner_extra: tuple[Finding, ...]  # what the scanner flags beyond the answer key

    @property
    def found(self) -> int:
        return sum(item.found for item in self.key)


@dataclass(frozen=True)
class MakeItSafeResult:
    exercise_id: str
    score: float
    passed: bool
    risk: str | None  # None when the rewrite was not scanned (empty or too long)
    problems: tuple[str, ...]  # why it did not pass, in the exercise's language
    remaining: tuple[Finding, ...]  # what the scanner still finds
    message: str


@dataclass(frozen=True)
class ScenarioResult:
    exercise_id: str
    score: float
    passed: bool
    chosen: int | None
    consequence: str  # what happens after the chosen option
    right_choices: tuple[int, ...]


ExerciseResult = ChoiceResult | SpotTheLeakResult | MakeItSafeResult | ScenarioResult


# --- choice --------------------------------------------------------------------------------


def grade_choice(exercise: SingleChoice | MultipleChoice, selected: Sequence[int]) -> ChoiceResult:
    """Single choice: right or wrong. Multiple choice: (right picks - wrong picks) / all right."""
    chosen = _checked_indexes(selected, len(exercise.options))
    if exercise.type == "single_choice" and len(chosen) > 1:
        raise ValueError("a single-choice question takes one answer")
    correct = {i for i, option in enumerate(exercise.options) if option.correct}
    if exercise.type == "single_choice":
        score = 1.0 if chosen == correct else 0.0
    else:
        score = max(0, len(chosen & correct) - len(chosen - correct)) / len(correct)
    options = tuple(
        OptionFeedback(i, option.text, i in chosen, option.correct, option.feedback)
        for i, option in enumerate(exercise.options)
    )
    return ChoiceResult(exercise.id, score, chosen == correct, options)


def _checked_indexes(selected: Sequence[int], count: int) -> set[int]:
    chosen = set(selected)
    bad = [i for i in chosen if not 0 <= i < count]
    if bad:
        raise ValueError(f"no such option: {bad[0]}")
    return chosen


# --- what do you do ------------------------------------------------------------------------


def grade_scenario(exercise: WhatDoYouDo, choice: int | None) -> ScenarioResult:
    right = tuple(i for i, c in enumerate(exercise.choices) if c.right)
    if choice is None:
        return ScenarioResult(exercise.id, 0.0, False, None, "", right)
    _checked_indexes([choice], len(exercise.choices))
    picked = exercise.choices[choice]
    return ScenarioResult(
        exercise.id, 1.0 if picked.right else 0.0, picked.right, choice, picked.consequence, right
    )


# --- spot the leak -------------------------------------------------------------------------


def word_spans(text: str) -> tuple[Span, ...]:
    """Words of a post with their offsets, for a UI where learners click words."""
    return tuple(Span(m.start(), m.end()) for m in re.finditer(r"[\w@#][\w'’\-:/.@#]*\w|\w", text))


def spans_from_phrases(text: str, phrases: Sequence[str]) -> tuple[Span, ...]:
    """Spans for phrases a learner typed or picked; the first case-insensitive match of each."""
    folded = text.casefold()
    spans = []
    for phrase in phrases:
        needle = phrase.strip().casefold()
        if not needle:
            continue
        start = folded.find(needle)
        if start >= 0:
            spans.append(Span(start, start + len(needle)))
    return tuple(spans)


def normalise_selections(text: str, selections: Sequence[Span]) -> tuple[Span, ...]:
    """Clip to the post, drop empty marks, and join marks separated only by spaces,
    so marking three words one by one counts as one mark."""
    clipped = sorted(
        Span(max(0, s.start), min(len(text), s.end)) for s in selections if s.end > s.start
    )
    merged: list[Span] = []
    for span in clipped:
        if span.end <= span.start:
            continue
        if merged and not text[merged[-1].end : span.start].strip():
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return tuple(merged)


def _weight(text: str, start: int, end: int) -> int:
    """Characters that count: spaces and punctuation do not."""
    return sum(1 for ch in text[start:end] if not ch.isspace())


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> tuple[int, int]:
    return max(a_start, b_start), min(a_end, b_end)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    lo, hi = _overlap(a_start, a_end, b_start, b_end)
    return hi > lo


def grade_spot_the_leak(
    exercise: SpotTheLeak,
    selections: Sequence[Span],
    scanner: TextScanner | None = None,
) -> SpotTheLeakResult:
    """Score = share of key phrases found - share of harmless words marked, never below 0.

    A key phrase is found when good marks cover at least half of it. A mark is false
    when most of it lies outside every key phrase; a false mark finds nothing. Every
    marked word outside the key costs its share of the harmless words, so marking the
    whole post scores nothing. Missed phrases are explained by the scanner where it
    finds them, otherwise by the answer key.
    """
    post = exercise.post
    keys = []
    for item in exercise.key:
        start = post.index(item.phrase)
        keys.append((item, start, start + len(item.phrase)))

    marks = normalise_selections(post, selections)
    good: list[Span] = []
    false_marks: list[Span] = []
    for mark in marks:
        total = _weight(post, mark.start, mark.end)
        inside = 0
        for _, k_start, k_end in keys:
            lo, hi = _overlap(mark.start, mark.end, k_start, k_end)
            if hi > lo:
                inside += _weight(post, lo, hi)
        if total == 0 or (total - inside) > OUTSIDE_SHARE * total:
            false_marks.append(mark)
        else:
            good.append(mark)

    findings: tuple[Finding, ...] = ()
    if scanner is not None:
        findings = scanner.scan_text(post, lang=exercise.lang, post_id=exercise.id).findings

    results = []
    for item, k_start, k_end in keys:
        covered = 0
        for mark in good:
            lo, hi = _overlap(mark.start, mark.end, k_start, k_end)
            if hi > lo:
                covered += _weight(post, lo, hi)
        found = covered >= COVER_SHARE * _weight(post, k_start, k_end)
        explanation, by_scanner = item.why, False
        best = _best_finding(findings, k_start, k_end)
        if best is not None and best.explanation.strip():
            explanation, by_scanner = best.explanation, True
        results.append(
            KeyPhraseResult(item.phrase, item.label, k_start, k_end, found, explanation, by_scanner)
        )

    extra = tuple(
        f for f in findings if not any(_overlaps(f.start, f.end, ks, ke) for _, ks, ke in keys)
    )
    harmless = [
        w
        for w in word_spans(post)
        if not any(_overlaps(w.start, w.end, ks, ke) for _, ks, ke in keys)
    ]
    marked_harmless = [
        w for w in harmless if any(_overlaps(w.start, w.end, m.start, m.end) for m in marks)
    ]
    overmarked = len(marked_harmless) / len(harmless) if harmless else 0.0
    found_count = sum(r.found for r in results)
    score = max(0.0, found_count / len(results) - overmarked)
    passed = found_count == len(results) and not false_marks and not marked_harmless
    return SpotTheLeakResult(exercise.id, score, passed, tuple(results), tuple(false_marks), extra)


def _best_finding(findings: Sequence[Finding], start: int, end: int) -> Finding | None:
    best, best_overlap = None, 0
    for finding in findings:
        lo, hi = _overlap(finding.start, finding.end, start, end)
        if hi - lo > best_overlap:
            best, best_overlap = finding, hi - lo
    return best


# --- make it safe --------------------------------------------------------------------------


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def grade_make_it_safe(exercise: MakeItSafe, text: str, scanner: TextScanner) -> MakeItSafeResult:
    """Passes when the rewrite is about the same subject and the scanner rates it none or low."""
    lang = exercise.lang
    rewrite = text.strip()
    problems: list[str] = []
    if not rewrite:
        problems.append(_message(lang, "empty"))
    elif len(rewrite) > MAX_REWRITE_CHARS:
        problems.append(_message(lang, "too_long", limit=MAX_REWRITE_CHARS))
    if problems:
        return MakeItSafeResult(exercise.id, 0.0, False, None, tuple(problems), (), problems[0])

    if len(rewrite) < exercise.min_length:
        problems.append(_message(lang, "too_short", limit=exercise.min_length))
    if _normalise(rewrite) == _normalise(exercise.post):
        problems.append(_message(lang, "unchanged"))
    if not any(mentions_topic(rewrite, word) for word in exercise.topic_words):
        problems.append(_message(lang, "off_topic", words=", ".join(exercise.topic_words)))

    result = scanner.scan_text(rewrite, lang=lang, post_id=exercise.id)
    risk_name = RISK_NAMES.get(lang, RISK_NAMES["nl"]).get(result.risk, result.risk)
    if result.risk not in SAFE_RISKS:
        problems.append(_message(lang, "risky", risk=risk_name))
    passed = not problems
    message = _message(lang, "safe", risk=risk_name) if passed else problems[0]
    return MakeItSafeResult(
        exercise.id,
        1.0 if passed else 0.0,
        passed,
        result.risk,
        tuple(problems),
        tuple(result.findings),
        message,
    )


# --- any exercise --------------------------------------------------------------------------


def grade(exercise, answer: Answer, scanner: TextScanner | None = None) -> ExerciseResult:
    """Grade any exercise with the answer kind it takes (see answer_from_dict)."""
    if isinstance(exercise, SingleChoice | MultipleChoice) and isinstance(answer, ChoiceAnswer):
        return grade_choice(exercise, answer.selected)
    if isinstance(exercise, WhatDoYouDo) and isinstance(answer, ChoiceAnswer):
        if len(answer.selected) > 1:
            raise ValueError("a scenario takes one choice")
        return grade_scenario(exercise, answer.selected[0] if answer.selected else None)
    if isinstance(exercise, SpotTheLeak) and isinstance(answer, SpotAnswer):
        return grade_spot_the_leak(exercise, answer.selections, scanner)
    if isinstance(exercise, MakeItSafe) and isinstance(answer, RewriteAnswer):
        if scanner is None:
            raise ValueError("make-it-safe exercises are graded by the scanner; pass one")
        return grade_make_it_safe(exercise, answer.text, scanner)
    raise ValueError(
        f"exercise {exercise.id} of type {exercise.type} cannot take a {type(answer).__name__}"
    )
