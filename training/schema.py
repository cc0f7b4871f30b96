"""The shape of training content files, validated on load.

`module.yaml` holds a module's metadata in both languages; `exercises.<lang>.yaml`
holds its exercises in one language. Field names here are the names authors see in
error messages, so they stay short and plain.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from exposure.models import LABELS

LANGUAGES: tuple[str, ...] = ("nl", "en")
Lang = Literal["nl", "en"]

DEFAULT_PASS_MARK = 0.8
MIN_MINUTES = 10
MAX_MINUTES = 20

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
PostText = Annotated[str, StringConstraints(min_length=1, max_length=1500)]
Label = Literal[LABELS]  # type: ignore[valid-type]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(_Strict):
    """One text in every product language."""

    nl: Text
    en: Text

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


class Source(_Strict):
    """Where a fact in the module comes from; lessons cite it with a Markdown link."""

    id: Slug
    title: ShortText
    url: Annotated[str, StringConstraints(pattern=r"^https://[^\s<>()]+$", max_length=400)]


class ModuleMeta(_Strict):
    """`module.yaml`."""

    id: Slug
    order: int = Field(ge=1, le=99)
    title: Localized
    summary: Localized
    minutes: int = Field(ge=MIN_MINUTES, le=MAX_MINUTES)
    pass_mark: float = Field(default=DEFAULT_PASS_MARK, gt=0, le=1)
    max_attempts: int | None = Field(default=None, ge=1)
    acknowledgement: Localized | None = None
    sources: list[Source] = Field(min_length=1)

    @field_validator("sources")
    @classmethod
    def _unique_sources(cls, sources: list[Source]) -> list[Source]:
        for attr in ("id", "url"):
            seen: set[str] = set()
            for source in sources:
                value = getattr(source, attr)
                if value in seen:
                    raise ValueError(f"source {attr} {value!r} is listed twice")
                seen.add(value)
        return sources


# --- exercises -----------------------------------------------------------------------------


class _Exercise(_Strict):
    id: Slug
    lang: Lang = "nl"  # set by the loader from the file name


class Option(_Strict):
    text: ShortText
    correct: bool = False
    feedback: Text


class _Choice(_Exercise):
    question: Text
    options: list[Option] = Field(min_length=2, max_length=8)


class SingleChoice(_Choice):
    type: Literal["single_choice"]

    @model_validator(mode="after")
    def _exactly_one_correct(self) -> SingleChoice:
        correct = sum(option.correct for option in self.options)
        if correct != 1:
            raise ValueError(f"options: exactly one option must be correct, found {correct}")
        return self


class MultipleChoice(_Choice):
    type: Literal["multiple_choice"]

    @model_validator(mode="after")
    def _some_correct_some_wrong(self) -> MultipleChoice:
        correct = sum(option.correct for option in self.options)
        if correct == 0:
            raise ValueError("options: at least one option must be correct")
        if correct == len(self.options):
            raise ValueError("options: at least one option must be wrong")
        return self


class KeyPhrase(_Strict):
    phrase: Annotated[str, StringConstraints(min_length=2, max_length=200)]
    label: Label
    why: Text  # shown when the scanner has no explanation of its own for a missed phrase


class SpotTheLeak(_Exercise):
    type: Literal["spot_the_leak"]
    instruction: Text
    post: PostText
    key: list[KeyPhrase] = Field(min_length=1, max_length=12)

    @model_validator(mode="after")
    def _phrases_occur_once_without_overlap(self) -> SpotTheLeak:
        spans: list[tuple[int, int, str]] = []
        for index, item in enumerate(self.key):
            count = self.post.count(item.phrase)
            if count != 1:
                where = "does not occur" if count == 0 else f"occurs {count} times"
                raise ValueError(
                    f"key[{index}].phrase {item.phrase!r} {where} in the post; "
                    "a key phrase must occur exactly once"
                )
            start = self.post.index(item.phrase)
            spans.append((start, start + len(item.phrase), item.phrase))
        spans.sort()
        for (_, end, first), (start, _, second) in zip(spans, spans[1:], strict=False):
            if start < end:
                raise ValueError(f"key phrases {first!r} and {second!r} overlap")
        return self


class MakeItSafe(_Exercise):
    type: Literal["make_it_safe"]
    instruction: Text
    post: PostText
    # A rewrite must keep at least one of these words, so it stays about the same thing.
    topic_words: list[Annotated[str, StringConstraints(min_length=2, max_length=40)]] = Field(
        min_length=1
    )
    min_length: int = Field(default=20, ge=5, le=500)
    example_answer: PostText  # a rewrite that passes; shown after the attempt, checked in tests

    @model_validator(mode="after")
    def _topic_words_in_post_and_answer(self) -> MakeItSafe:
        for field, text in (("post", self.post), ("example_answer", self.example_answer)):
            if not any(mentions_topic(text, word) for word in self.topic_words):
                raise ValueError(f"{field} contains none of the topic_words")
        return self


class ScenarioChoice(_Strict):
    text: ShortText
    right: bool
    consequence: Text


class WhatDoYouDo(_Exercise):
    type: Literal["what_do_you_do"]
    scenario: Text
    question: ShortText
    choices: list[ScenarioChoice] = Field(min_length=2, max_length=6)

    @model_validator(mode="after")
    def _has_right_and_wrong(self) -> WhatDoYouDo:
        right = sum(choice.right for choice in self.choices)
        if right == 0:
            raise ValueError("choices: at least one choice must be right")
        if right == len(self.choices):
            raise ValueError("choices: at least one choice must be wrong")
        return self


Exercise = Annotated[
    SingleChoice | MultipleChoice | SpotTheLeak | MakeItSafe | WhatDoYouDo,
    Field(discriminator="type"),
]
EXERCISE_TYPES: tuple[str, ...] = (
    "single_choice",
    "multiple_choice",
    "spot_the_leak",
    "make_it_safe",
    "what_do_you_do",
)


class ExerciseFile(_Strict):
    """`exercises.<lang>.yaml`."""

    exercises: list[Exercise] = Field(min_length=1, max_length=30)

    @field_validator("exercises")
    @classmethod
    def _unique_ids(cls, exercises: list) -> list:
        seen: set[str] = set()
        for exercise in exercises:
            if exercise.id in seen:
                raise ValueError(f"exercise id {exercise.id!r} is used twice")
            seen.add(exercise.id)
        return exercises


def mentions_topic(text: str, word: str) -> bool:
    """Case-insensitive. Words of four letters or more may sit inside a compound
    ("ploeg" in "nachtploeg"); shorter ones must start a word ("dag" not in "vandaag")."""
    folded, needle = text.casefold(), word.casefold()
    if len(needle) >= 4:
        return needle in folded
    return re.search(r"(?<!\w)" + re.escape(needle), folded) is not None
