"""Rule sets HR edits and publishes: a versioned, JSON-serialisable document.

A rule set is an ordered list of rules (from the catalogue or written by HR), each
accepted, rejected or still pending, with its own text per language. It is a
draft until published; publishing returns a new, read-only version that keeps
only the accepted rules and drops the proposal's reasons and quotes, because a
published set is shown to every employee. Every function here is pure: it takes
a rule set and returns a new one, so the storage layer decides what to keep.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from exposure.conduct.catalogue import LANGS, Catalogue, default_catalogue
from exposure.conduct.terms import CompanyTerms
from exposure.models import LABELS

SCHEMA_VERSION = 1
MAX_TITLE_CHARS = 200
MAX_TEXT_CHARS = 2000
MAX_RULES = 200

State = Literal["pending", "accepted", "rejected"]
TEXT_FIELDS: tuple[str, ...] = ("title", "rule", "why", "do", "dont")


class RuleSetError(ValueError):
    """An edit or document that cannot be applied; the message says why."""


class RuleContent(BaseModel):
    """A rule's wording in one language, as HR edited it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=MAX_TITLE_CHARS)
    rule: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    why: str = Field(default="", max_length=MAX_TEXT_CHARS)
    do: str = Field(default="", max_length=MAX_TEXT_CHARS)
    dont: str = Field(default="", max_length=MAX_TEXT_CHARS)


class SourceRef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    url: str


class RuleEntry(BaseModel):
    """One rule in a rule set."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, max_length=80)
    origin: Literal["catalogue", "custom"]
    state: State = "pending"
    severity: int = Field(default=2, ge=1, le=3)
    labels: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    nl: RuleContent
    en: RuleContent
    sources: tuple[SourceRef, ...] = ()
    reasons: dict[str, tuple[str, ...]] = Field(default_factory=dict)  # why it was proposed
    quotes: tuple[str, ...] = ()  # anonymised example phrases, for HR only

    @field_validator("labels")
    @classmethod
    def _known_labels(cls, labels: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [label for label in labels if label not in LABELS]
        if unknown:
            raise ValueError(f"unknown label(s) {unknown}")
        return labels

    def content(self, lang: str) -> RuleContent:
        return self.en if lang == "en" else self.nl


class RuleSet(BaseModel):
    """A draft or published set of conduct rules for one company."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1] = SCHEMA_VERSION
    company: str = Field(default="", max_length=200)
    status: Literal["draft", "published"] = "draft"
    version: int = Field(default=1, ge=1)  # for a draft: the version it becomes when published
    based_on: int | None = None  # the published version a draft started from
    created_at: datetime | None = None
    published_at: datetime | None = None
    published_by: str | None = None
    rules: tuple[RuleEntry, ...] = Field(default=(), max_length=MAX_RULES)

    @model_validator(mode="after")
    def _consistent(self) -> RuleSet:
        ids = [rule.id for rule in self.rules]
        duplicates = sorted({rule_id for rule_id in ids if ids.count(rule_id) > 1})
        if duplicates:
            raise ValueError(f"rule id used twice: {duplicates}")
        if self.status == "published":
            if self.published_at is None or not self.published_by:
                raise ValueError("a published version needs published_at and published_by")
            if any(rule.state != "accepted" for rule in self.rules):
                raise ValueError("a published version holds accepted rules only")
        return self

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    def get(self, rule_id: str) -> RuleEntry:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise RuleSetError(f"no rule {rule_id!r} in this rule set")

    def accepted(self) -> tuple[RuleEntry, ...]:
        return tuple(rule for rule in self.rules if rule.state == "accepted")

    def to_document(self) -> dict[str, Any]:
        """A JSON-ready dict for storage; `from_document` reads it back."""
        return self.model_dump(mode="json")

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> RuleSet:
        try:
            return cls.model_validate(dict(document))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or '(rule set)'}: {err['msg']}"
                for err in exc.errors()
            )
            raise RuleSetError(f"invalid rule set document: {problems}") from None


def _content(fields: Mapping[str, str]) -> RuleContent:
    try:
        return RuleContent(**{key: fields.get(key, "") for key in TEXT_FIELDS})
    except ValidationError as exc:
        problems = "; ".join(f"{err['loc'][0]}: {err['msg']}" for err in exc.errors())
        raise RuleSetError(f"rule text not accepted: {problems}") from None


def _require_draft(ruleset: RuleSet) -> None:
    if not ruleset.is_draft:
        raise RuleSetError(
            f"version {ruleset.version} is published and read-only; start a new draft from it"
        )


def _replace_rule(ruleset: RuleSet, rule_id: str, **changes: Any) -> RuleSet:
    _require_draft(ruleset)
    ruleset.get(rule_id)
    rules = tuple(
        rule.model_copy(update=changes) if rule.id == rule_id else rule for rule in ruleset.rules
    )
    return ruleset.model_copy(update={"rules": rules})


def entry_from_catalogue(
    rule_id: str, terms: CompanyTerms, catalogue: Catalogue | None = None, state: State = "pending"
) -> RuleEntry:
    """A rule-set entry for a catalogue rule, with company terms filled in."""
    catalogue = catalogue or default_catalogue()
    try:
        rule = catalogue.get(rule_id)
    except KeyError:
        raise RuleSetError(f"no catalogue rule {rule_id!r}") from None
    texts = {
        lang: RuleContent(
            **{key: terms.fill(value, lang) for key, value in rule.text(lang).fields().items()}
        )
        for lang in LANGS
    }
    return RuleEntry(
        id=rule.id,
        origin="catalogue",
        state=state,
        severity=rule.severity,
        labels=rule.labels,
        topics=rule.topics,
        nl=texts["nl"],
        en=texts["en"],
        sources=tuple(SourceRef(title=s.title, url=s.url) for s in rule.sources),
    )


def draft_from_proposal(
    proposal, *, version: int = 1, based_on: int | None = None, now: datetime | None = None
) -> RuleSet:
    """A draft holding every proposed rule, pending, in the proposal's order."""
    entries = []
    for proposed in proposal.rules:
        texts = {lang: RuleContent(**proposed.text(lang).fields()) for lang in LANGS}
        entries.append(
            RuleEntry(
                id=proposed.rule_id,
                origin="catalogue",
                state="pending",
                severity=proposed.severity,
                labels=proposed.labels,
                topics=proposed.topics,
                nl=texts["nl"],
                en=texts["en"],
                sources=tuple(SourceRef(title=t, url=u) for t, u in proposed.sources),
                reasons={lang: tuple(lines) for lang, lines in proposed.reasons.items()},
                quotes=proposed.quotes,
            )
        )
    return RuleSet(
        company=proposal.company,
        status="draft",
        version=version,
        based_on=based_on,
        created_at=now or datetime.now(UTC),
        rules=tuple(entries),
    )


def new_draft(published: RuleSet, now: datetime | None = None) -> RuleSet:
    """Start the next version from a published one: same rules, all accepted."""
    if published.is_draft:
        raise RuleSetError("start a new draft from a published version")
    return published.model_copy(
        update={
            "status": "draft",
            "version": published.version + 1,
            "based_on": published.version,
            "created_at": now or datetime.now(UTC),
            "published_at": None,
            "published_by": None,
        }
    )


def set_state(ruleset: RuleSet, rule_id: str, state: State) -> RuleSet:
    if state not in ("pending", "accepted", "rejected"):
        raise RuleSetError(f"unknown state {state!r}")
    return _replace_rule(ruleset, rule_id, state=state)


def accept(ruleset: RuleSet, rule_id: str) -> RuleSet:
    return set_state(ruleset, rule_id, "accepted")


def reject(ruleset: RuleSet, rule_id: str) -> RuleSet:
    return set_state(ruleset, rule_id, "rejected")


def edit(
    ruleset: RuleSet,
    rule_id: str,
    lang: str,
    *,
    title: str | None = None,
    rule: str | None = None,
    why: str | None = None,
    do: str | None = None,
    dont: str | None = None,
) -> RuleSet:
    """Change a rule's wording in one language; fields left None stay as they are."""
    if lang not in LANGS:
        raise RuleSetError(f"language must be one of {LANGS}")
    current = ruleset.get(rule_id).content(lang)
    changes = {"title": title, "rule": rule, "why": why, "do": do, "dont": dont}
    fields = {
        key: (value if value is not None else getattr(current, key))
        for key, value in changes.items()
    }
    return _replace_rule(ruleset, rule_id, **{lang: _content(fields)})


def reorder(ruleset: RuleSet, rule_ids: Sequence[str]) -> RuleSet:
    """Put the rules in the given order; the ids must be exactly the set's rules."""
    _require_draft(ruleset)
    current = [rule.id for rule in ruleset.rules]
    if sorted(rule_ids) != sorted(current):
        missing = sorted(set(current) - set(rule_ids))
        unknown = sorted(set(rule_ids) - set(current))
        raise RuleSetError(
            f"new order must list every rule once; missing {missing}, unknown {unknown}"
        )
    by_id = {rule.id: rule for rule in ruleset.rules}
    return ruleset.model_copy(update={"rules": tuple(by_id[rule_id] for rule_id in rule_ids)})


def move(ruleset: RuleSet, rule_id: str, position: int) -> RuleSet:
    """Move one rule to a 0-based position (clamped to the list)."""
    ids = [rule.id for rule in ruleset.rules]
    if rule_id not in ids:
        raise RuleSetError(f"no rule {rule_id!r} in this rule set")
    ids.remove(rule_id)
    ids.insert(max(0, min(position, len(ids))), rule_id)
    return reorder(ruleset, ids)


def _next_custom_id(ruleset: RuleSet) -> str:
    numbers = [
        int(match.group(1))
        for rule in ruleset.rules
        if (match := re.fullmatch(r"custom-(\d+)", rule.id))
    ]
    return f"custom-{max(numbers, default=0) + 1}"


def add_custom(
    ruleset: RuleSet,
    title: Mapping[str, str],
    rule: Mapping[str, str],
    *,
    why: Mapping[str, str] | None = None,
    do: Mapping[str, str] | None = None,
    dont: Mapping[str, str] | None = None,
    labels: Sequence[str] = (),
    severity: int = 2,
    state: State = "accepted",
) -> RuleSet:
    """Add a rule HR wrote, at the end. A language left out gets the other language's text."""
    _require_draft(ruleset)
    given = [
        lang for lang in LANGS if (title.get(lang) or "").strip() and (rule.get(lang) or "").strip()
    ]
    if not given:
        raise RuleSetError("a custom rule needs a title and a rule text in at least one language")

    def pick(values: Mapping[str, str] | None, lang: str) -> str:
        values = values or {}
        return (values.get(lang) or "").strip() or (values.get(given[0]) or "").strip()

    contents = {
        lang: _content(
            {
                "title": pick(title, lang),
                "rule": pick(rule, lang),
                "why": pick(why, lang),
                "do": pick(do, lang),
                "dont": pick(dont, lang),
            }
        )
        for lang in LANGS
    }
    try:
        entry = RuleEntry(
            id=_next_custom_id(ruleset),
            origin="custom",
            state=state,
            severity=severity,
            labels=tuple(labels),
            nl=contents["nl"],
            en=contents["en"],
        )
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise RuleSetError(f"custom rule not accepted: {problems}") from None
    return ruleset.model_copy(update={"rules": (*ruleset.rules, entry)})


def add_from_catalogue(
    ruleset: RuleSet,
    rule_id: str,
    terms: CompanyTerms,
    catalogue: Catalogue | None = None,
    state: State = "accepted",
) -> RuleSet:
    """Add a catalogue rule the proposal left out (for example a rule HR wants anyway)."""
    _require_draft(ruleset)
    if any(rule.id == rule_id for rule in ruleset.rules):
        raise RuleSetError(f"rule {rule_id!r} is already in this rule set")
    entry = entry_from_catalogue(rule_id, terms, catalogue, state)
    return ruleset.model_copy(update={"rules": (*ruleset.rules, entry)})


def publish(draft: RuleSet, published_by: str, at: datetime | None = None) -> RuleSet:
    """The published version of a draft: accepted rules only, reasons and quotes removed."""
    _require_draft(draft)
    if not published_by.strip():
        raise RuleSetError("say who publishes the rule set")
    accepted = draft.accepted()
    if not accepted:
        raise RuleSetError("accept at least one rule before publishing")
    at = at or datetime.now(UTC)
    if at.tzinfo is None:
        raise RuleSetError("published_at must carry a time zone")
    rules = tuple(rule.model_copy(update={"reasons": {}, "quotes": ()}) for rule in accepted)
    return draft.model_copy(
        update={
            "status": "published",
            "published_at": at,
            "published_by": published_by.strip(),
            "rules": rules,
        }
    )


def applicable_rule(ruleset: RuleSet, label: str) -> RuleEntry | None:
    """The rule a self-check finding of `label` should link to: the most severe, then the first."""
    candidates = [rule for rule in ruleset.accepted() if label in rule.labels]
    if not candidates:
        return None
    return min(candidates, key=lambda rule: (-rule.severity, ruleset.rules.index(rule)))
