"""The conduct-rule catalogue: rules kept as data files and validated when loaded.

Each rule lives in its own YAML file under data/conduct_rules/rules/ (named
`NN-<id>.yaml`, NN fixing the catalogue order); data/conduct_rules/vocabulary.yaml
holds the placeholders, topics and label names the rules may use. A broken file
stops loading with a message that names the file, the rule id and the field, so a
typo never turns into a rule that silently disappears.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from exposure.models import LABELS

LANGS: tuple[str, ...] = ("nl", "en")
DEFAULT_DIRECTORY = Path(__file__).resolve().parents[2] / "data" / "conduct_rules"
MAX_FILE_BYTES = 100_000

PLACEHOLDER_PATTERN = re.compile(r"\{([^{}]*)\}")
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FILE_PATTERN = re.compile(r"^(\d{2,3})-(.+)\.yaml$")


class CatalogueError(ValueError):
    """The catalogue cannot be used; the message lists every problem found."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class LocalisedName(_Strict):
    nl: str = Field(min_length=1, max_length=200)
    en: str = Field(min_length=1, max_length=200)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


class PlaceholderSpec(_Strict):
    """Where a company term comes from and what stands in for it when it is missing."""

    profile: str = Field(min_length=1)
    default: LocalisedName
    role: LocalisedName | None = None
    role_keywords: tuple[str, ...] = ()


class Vocabulary(_Strict):
    placeholders: dict[str, PlaceholderSpec]
    topics: dict[str, LocalisedName]
    labels: dict[str, LocalisedName]

    @field_validator("labels")
    @classmethod
    def _every_label_named(cls, labels: dict[str, LocalisedName]) -> dict[str, LocalisedName]:
        missing = [label for label in LABELS if label not in labels]
        unknown = [label for label in labels if label not in LABELS]
        if missing or unknown:
            raise ValueError(
                f"label names must cover exactly {LABELS}; missing {missing}, unknown {unknown}"
            )
        return labels

    def label_name(self, label: str, lang: str) -> str:
        name = self.labels.get(label)
        return name.get(lang) if name else label

    def topic_name(self, topic: str, lang: str) -> str:
        name = self.topics.get(topic)
        return name.get(lang) if name else topic


class RuleText(_Strict):
    """One rule in one language."""

    title: str = Field(min_length=3, max_length=120)
    rule: str = Field(min_length=10, max_length=1200)
    why: str = Field(min_length=10, max_length=1200)
    do: str = Field(min_length=3, max_length=600)
    dont: str = Field(min_length=3, max_length=600)

    def fields(self) -> dict[str, str]:
        return {
            "title": self.title,
            "rule": self.rule,
            "why": self.why,
            "do": self.do,
            "dont": self.dont,
        }


class Source(_Strict):
    title: str = Field(min_length=3, max_length=300)
    url: str = Field(min_length=10, max_length=500)

    @field_validator("url")
    @classmethod
    def _https(cls, url: str) -> str:
        if not re.match(r"^https://[^\s/]+\.[^\s/]+(/\S*)?$", url):
            raise ValueError("must be an https:// address")
        return url


class ConductRule(_Strict):
    """A catalogue rule: text in both languages plus what risk it addresses."""

    id: str
    severity: int = Field(ge=1, le=3)
    labels: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    baseline: bool = False  # always proposed, whatever the scan found
    placeholders: tuple[str, ...] = ()
    nl: RuleText
    en: RuleText
    sources: tuple[Source, ...] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _slug(cls, rule_id: str) -> str:
        if not _ID_PATTERN.match(rule_id):
            raise ValueError("use lowercase letters, digits and single hyphens")
        return rule_id

    @field_validator("labels")
    @classmethod
    def _known_labels(cls, labels: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [label for label in labels if label not in LABELS]
        if unknown:
            raise ValueError(f"unknown label(s) {unknown}; use {list(LABELS)}")
        if len(set(labels)) != len(labels):
            raise ValueError("a label is listed twice")
        return labels

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> ConductRule:
        if not self.labels and not self.topics:
            raise ValueError("a rule needs at least one label or topic")
        used = {
            name
            for text in (self.nl, self.en)
            for value in text.fields().values()
            for name in PLACEHOLDER_PATTERN.findall(value)
        }
        declared = set(self.placeholders)
        if used != declared:
            raise ValueError(
                f"placeholders: declared {sorted(declared)} but the texts use {sorted(used)}"
            )
        vocabulary = (info.context or {}).get("vocabulary")
        if isinstance(vocabulary, Vocabulary):
            unknown = sorted(declared - set(vocabulary.placeholders))
            if unknown:
                raise ValueError(
                    f"placeholders: unknown {unknown}; known are {sorted(vocabulary.placeholders)}"
                )
            unknown_topics = [t for t in self.topics if t not in vocabulary.topics]
            if unknown_topics:
                raise ValueError(
                    f"topics: unknown {unknown_topics}; known are {sorted(vocabulary.topics)}"
                )
        return self

    def text(self, lang: str) -> RuleText:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class Catalogue:
    """All catalogue rules in catalogue order, with the vocabulary they use."""

    rules: tuple[ConductRule, ...]
    vocabulary: Vocabulary

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(rule.id for rule in self.rules)

    def get(self, rule_id: str) -> ConductRule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def index(self, rule_id: str) -> int:
        return self.ids.index(rule_id)

    def rules_for_label(self, label: str) -> list[ConductRule]:
        """Rules that address a label, the most severe first (for self-check links)."""
        matching = [rule for rule in self.rules if label in rule.labels]
        return sorted(matching, key=lambda rule: (-rule.severity, self.index(rule.id)))


def _read_yaml(path: Path) -> Any:
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise CatalogueError(f"{path.name}: file larger than {MAX_FILE_BYTES} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CatalogueError(f"{path.name}: not UTF-8") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise CatalogueError(f"{path.name}:{where} not valid YAML: {exc}") from None


def _describe(exc: ValidationError) -> list[str]:
    return [
        f"{'.'.join(str(part) for part in err['loc']) or '(rule)'}: {err['msg']}"
        for err in exc.errors()
    ]


def load_vocabulary(directory: Path | None = None) -> Vocabulary:
    path = (directory or DEFAULT_DIRECTORY) / "vocabulary.yaml"
    if not path.is_file():
        raise CatalogueError(f"{path}: vocabulary file missing")
    data = _read_yaml(path)
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as exc:
        raise CatalogueError(f"{path.name}: " + "; ".join(_describe(exc))) from None


def parse_rule(data: Any, vocabulary: Vocabulary, where: str = "rule") -> ConductRule:
    """Validate one rule's data; raise CatalogueError naming the rule id and field."""
    if not isinstance(data, Mapping):
        raise CatalogueError(f"{where}: expected a mapping of fields")
    rule_id = data.get("id", "?")
    try:
        return ConductRule.model_validate(dict(data), context={"vocabulary": vocabulary})
    except ValidationError as exc:
        problems = "; ".join(_describe(exc))
        raise CatalogueError(f"{where}: rule '{rule_id}': {problems}") from None


def load_catalogue(directory: Path | str | None = None) -> Catalogue:
    """Load and validate every rule; all problems are reported at once."""
    directory = Path(directory) if directory is not None else DEFAULT_DIRECTORY
    vocabulary = load_vocabulary(directory)
    rules_dir = directory / "rules"
    if not rules_dir.is_dir():
        raise CatalogueError(f"{rules_dir}: rules directory missing")
    problems: list[str] = []
    rules: list[ConductRule] = []
    for path in sorted(rules_dir.iterdir()):
        if path.suffix not in (".yaml", ".yml"):
            continue
        match = _FILE_PATTERN.match(path.name)
        if not match:
            problems.append(f"{path.name}: file name must look like NN-<rule id>.yaml")
            continue
        try:
            rule = parse_rule(_read_yaml(path), vocabulary, where=path.name)
        except CatalogueError as exc:
            problems.append(str(exc))
            continue
        if rule.id != match.group(2):
            problems.append(f"{path.name}: rule '{rule.id}': id must match the file name")
            continue
        if any(existing.id == rule.id for existing in rules):
            problems.append(f"{path.name}: rule '{rule.id}': id used twice")
            continue
        rules.append(rule)
    if problems:
        raise CatalogueError(
            f"conduct-rule catalogue {rules_dir}: {len(problems)} problem(s):\n  "
            + "\n  ".join(problems)
        )
    if not rules:
        raise CatalogueError(f"{rules_dir}: no rules found")
    return Catalogue(rules=tuple(rules), vocabulary=vocabulary)


@cache
def default_catalogue() -> Catalogue:
    """The shipped catalogue, loaded once per process."""
    return load_catalogue(DEFAULT_DIRECTORY)
