"""A training module as the rest of the product sees it: steps in one language.

Built by training.content from the content files; the UI walks `Module.steps()`
and the learner's saved position indexes that tuple.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from training.placeholders import CONDUCT_RULES, fill, find_placeholders
from training.schema import EXERCISE_TYPES, LANGUAGES, Exercise, ModuleMeta

WORDS_PER_MINUTE = 200
# Minutes a learner needs for one exercise, reading and answering included.
EXERCISE_MINUTES: dict[str, float] = {
    "single_choice": 1.0,
    "multiple_choice": 1.5,
    "what_do_you_do": 1.5,
    "spot_the_leak": 2.0,
    "make_it_safe": 3.0,
}
ACKNOWLEDGEMENT_MINUTES = 0.5
# The published rule set is only known at run time; this is a typical length.
CONDUCT_RULES_ASSUMED_WORDS = 400
# Fields holding post text: they are graded against the scanner, so they stay literal.
LITERAL_FIELDS = frozenset({"id", "type", "lang", "label", "post", "phrase", "example_answer"})
LITERAL_LIST_FIELDS = frozenset({"topic_words"})

MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LessonStep:
    title: str
    markdown: str  # the section body, heading excluded
    kind: str = "lesson"


@dataclass(frozen=True)
class ExerciseStep:
    exercise: Exercise
    kind: str = "exercise"


@dataclass(frozen=True)
class AcknowledgementStep:
    text: str
    kind: str = "acknowledgement"


Step = LessonStep | ExerciseStep | AcknowledgementStep


@dataclass(frozen=True)
class Module:
    meta: ModuleMeta
    path: Path
    lessons: Mapping[str, tuple[LessonStep, ...]]
    exercises: Mapping[str, tuple[Exercise, ...]]

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def pass_mark(self) -> float:
        return self.meta.pass_mark

    @property
    def minutes(self) -> int:
        return self.meta.minutes

    @property
    def needs_acknowledgement(self) -> bool:
        return self.meta.acknowledgement is not None

    def title(self, lang: str) -> str:
        return self.meta.title.get(lang)

    def exercise(self, lang: str, exercise_id: str) -> Exercise:
        for exercise in self.exercises[_lang(lang)]:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(f"module {self.id} has no exercise {exercise_id!r}")

    def exercise_ids(self) -> tuple[str, ...]:
        return tuple(exercise.id for exercise in self.exercises[LANGUAGES[0]])

    def exercise_counts(self, lang: str = "nl") -> dict[str, int]:
        counts = Counter(exercise.type for exercise in self.exercises[_lang(lang)])
        return {kind: counts.get(kind, 0) for kind in EXERCISE_TYPES}

    def estimated_minutes(self, lang: str = "nl") -> float:
        lang = _lang(lang)
        words = sum(count_words(step.title + " " + step.markdown) for step in self.lessons[lang])
        if any(CONDUCT_RULES in find_placeholders(s.markdown) for s in self.lessons[lang]):
            words += CONDUCT_RULES_ASSUMED_WORDS
        minutes = words / WORDS_PER_MINUTE
        minutes += sum(EXERCISE_MINUTES[exercise.type] for exercise in self.exercises[lang])
        if self.needs_acknowledgement:
            minutes += ACKNOWLEDGEMENT_MINUTES
        return round(minutes, 1)

    def steps(self, lang: str, values: Mapping[str, str] | None = None) -> tuple[Step, ...]:
        """Lesson sections, then exercises, then the acknowledgement if the module asks one.

        With `values` (see training.placeholders.placeholder_values) every placeholder is
        filled in; the position saved in a learner's progress indexes this tuple.
        """
        lang = _lang(lang)
        steps: list[Step] = []
        for section in self.lessons[lang]:
            steps.append(
                LessonStep(
                    title=fill(section.title, values) if values else section.title,
                    markdown=fill(section.markdown, values) if values else section.markdown,
                )
            )
        for exercise in self.exercises[lang]:
            steps.append(ExerciseStep(fill_exercise(exercise, values) if values else exercise))
        if self.meta.acknowledgement is not None:
            text = self.meta.acknowledgement.get(lang)
            steps.append(AcknowledgementStep(fill(text, values) if values else text))
        return tuple(steps)


def _lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return lang


def count_words(markdown: str) -> int:
    """Words a reader reads: link text counts, link targets do not."""
    return len(WORD.findall(MARKDOWN_LINK.sub(r"\1", markdown)))


def fill_exercise(exercise: Exercise, values: Mapping[str, str]) -> Exercise:
    """The exercise with placeholders filled in every text a learner reads."""
    data = _fill_data(exercise.model_dump(), values)
    return type(exercise).model_validate(data)


def _fill_data(data: Any, values: Mapping[str, str], key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: _fill_data(v, values, k) for k, v in data.items()}
    if isinstance(data, list):
        if key in LITERAL_LIST_FIELDS:
            return data
        return [_fill_data(item, values, key) for item in data]
    if isinstance(data, str) and key not in LITERAL_FIELDS:
        return fill(data, values)
    return data


def text_fields(data: Any, path: str = "") -> Iterator[tuple[str, str, str]]:
    """(path, field name, text) of every string in an exercise's data."""
    if isinstance(data, dict):
        for key, value in data.items():
            child = f"{path}.{key}" if path else key
            for item in text_fields(value, child):
                yield item[0], item[1] or key, item[2]
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from text_fields(value, f"{path}[{index}]")
    elif isinstance(data, str):
        yield path, "", data
