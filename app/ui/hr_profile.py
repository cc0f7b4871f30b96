"""The company profile as HR edits it: form fields in, a validated CompanyProfile out.

The form shows each list as a text area with one term per line and the reporting
contacts as rows of four fields. Validation is CompanyProfile's own; its problems
come back as catalogue keys naming the field and line, so HR sees in its own
language what to fix instead of a pydantic message.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import yaml
from pydantic import ValidationError

from app.storage import Storage
from exposure.conduct import effective_min_group_size
from exposure.profile import (
    MAX_PROFILE_BYTES,
    MAX_TERM_LENGTH,
    CompanyProfile,
    ProfileError,
    parse_profile,
    sample_profile,
)

_LOG = logging.getLogger(__name__)

TERM_FIELDS: tuple[str, ...] = (
    "company_names",
    "site_names",
    "gates_and_buildings",
    "substances",
    "partners",
    "systems",
    "allow_list",
)
CONTACT_FIELDS: tuple[str, ...] = ("role", "name", "phone", "email")
MAX_FIELD_CHARS = 20_000  # one text area; a profile lists dozens of terms, not thousands
MAX_CONTACTS = 20
MIN_GROUP_CEILING = 1000


@dataclass(frozen=True)
class FormProblem:
    """One thing to fix: which field (and line or contact row), as a catalogue key."""

    field: str  # a TERM_FIELDS name, "reporting_contacts" or "min_group_size"
    key: str  # hr.profile.problem.*
    params: dict[str, Any] = field(default_factory=dict)


class ProfileFormError(ValueError):
    def __init__(self, problems: Sequence[FormProblem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.key}" for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class CurrentProfile:
    """The profile the scanner uses now; version None means the shipped sample profile."""

    profile: CompanyProfile
    version: int | None
    saved_at: datetime | None = None
    saved_by: str | None = None

    @property
    def is_sample(self) -> bool:
        return self.version is None


def current_company_profile(storage: Storage) -> CurrentProfile:
    """The latest saved profile, or the sample profile (as the scanner does) when none is."""
    current = storage.current_profile()
    if current is None:
        return CurrentProfile(sample_profile(), None)
    try:
        profile = CompanyProfile.model_validate(current.document)
    except ValidationError:
        # Same fallback as the scanner (app/ui/scanning.py), so pages and scanner agree.
        _LOG.exception("stored company profile version %s does not validate", current.version)
        return CurrentProfile(sample_profile(), None)
    return CurrentProfile(profile, current.version, current.saved_at, current.saved_by)


def min_group_size(storage: Storage, profile: CompanyProfile | None = None) -> int:
    """The smallest group HR may see: the stricter of the admin setting and the profile."""
    if profile is None:
        profile = current_company_profile(storage).profile
    return effective_min_group_size(max(storage.min_group_size(), profile.min_group_size))


def keep_terms(profile: CompanyProfile) -> list[str]:
    """The company's own terms, kept readable when a phrase is anonymised."""
    return [term for name in TERM_FIELDS for term in getattr(profile, name)]


def terms_from_text(text: str) -> list[str]:
    """One term per line; blank lines are skipped (CompanyProfile removes duplicates)."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def text_from_terms(terms: Sequence[str]) -> str:
    return "\n".join(terms)


def _cell(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = " ".join(str(value).split())
    return text or None


def contacts_from_rows(rows: Sequence[Mapping[str, object]]) -> list[dict[str, str | None]]:
    """Contact rows with empty rows left out; blank phone or e-mail becomes None."""
    contacts = []
    for row in rows:
        contact = {name: _cell(row.get(name)) for name in CONTACT_FIELDS}
        if any(contact.values()):
            contacts.append(contact)
    return contacts


def contact_rows(profile: CompanyProfile, blank_rows: int = 2) -> list[dict[str, str]]:
    """The profile's contacts as form rows, with some empty rows to add new ones."""
    rows = [
        {name: getattr(contact, name) or "" for name in CONTACT_FIELDS}
        for contact in profile.reporting_contacts
    ]
    rows += [dict.fromkeys(CONTACT_FIELDS, "") for _ in range(blank_rows)]
    return rows[: max(MAX_CONTACTS, len(profile.reporting_contacts))]


def _long_lines(text: str) -> list[int]:
    return [
        number
        for number, line in enumerate(str(text or "").splitlines(), start=1)
        if len(" ".join(line.split())) > MAX_TERM_LENGTH
    ]


def _problems(
    error: ValidationError, terms: Mapping[str, str], contacts: Sequence[Mapping[str, Any]]
) -> list[FormProblem]:
    problems: list[FormProblem] = []
    for err in error.errors():
        loc = err.get("loc") or ("",)
        name = str(loc[0])
        if name in TERM_FIELDS:
            lines = _long_lines(terms.get(name, ""))
            problems.extend(
                FormProblem(
                    name, "hr.profile.problem.term_too_long", {"line": n, "max": MAX_TERM_LENGTH}
                )
                for n in lines
            )
            if lines:
                continue
        elif name == "reporting_contacts" and len(loc) >= 3:
            row, column = int(loc[1]) + 1, str(loc[2])
            kind = err.get("type", "")
            key = {
                "string_too_short": "hr.profile.problem.contact_missing",
                "missing": "hr.profile.problem.contact_missing",
                "string_type": "hr.profile.problem.contact_missing",
                "string_too_long": "hr.profile.problem.contact_too_long",
            }.get(kind, "hr.profile.problem.contact_invalid")
            problems.append(
                FormProblem(name, key, {"row": row, "column": column, "max": MAX_TERM_LENGTH})
            )
            continue
        elif name == "min_group_size":
            problems.append(FormProblem(name, "hr.profile.problem.min_group", {"min": 5}))
            continue
        problems.append(FormProblem(name, "hr.profile.problem.other", {"detail": err.get("msg")}))
    return problems


def profile_from_form(
    terms: Mapping[str, str],
    contacts: Sequence[Mapping[str, object]],
    min_group: object,
) -> CompanyProfile:
    """Validate the form; raise ProfileFormError listing every problem."""
    too_big = [name for name in TERM_FIELDS if len(terms.get(name) or "") > MAX_FIELD_CHARS]
    if too_big:
        raise ProfileFormError(
            [
                FormProblem(n, "hr.profile.problem.field_too_long", {"max": MAX_FIELD_CHARS})
                for n in too_big
            ]
        )
    cleaned_contacts = contacts_from_rows(contacts)
    if len(cleaned_contacts) > MAX_CONTACTS:
        raise ProfileFormError(
            [
                FormProblem(
                    "reporting_contacts",
                    "hr.profile.problem.too_many_contacts",
                    {"max": MAX_CONTACTS},
                )
            ]
        )
    data: dict[str, Any] = {name: terms_from_text(terms.get(name, "")) for name in TERM_FIELDS}
    data["reporting_contacts"] = cleaned_contacts
    data["min_group_size"] = min_group
    try:
        return CompanyProfile.model_validate(data)
    except ValidationError as exc:
        raise ProfileFormError(_problems(exc, terms, cleaned_contacts)) from None


def profile_document(profile: CompanyProfile) -> dict[str, Any]:
    """The JSON document storage keeps for a version."""
    return profile.model_dump(mode="json")


def profile_yaml_text(document: Mapping[str, Any]) -> str:
    """A stored profile document as YAML, for reading."""
    return yaml.safe_dump(dict(document), allow_unicode=True, sort_keys=False)


def profile_yaml(profile: CompanyProfile) -> bytes:
    """The profile as the YAML file the CLI reads (`--profile FILE`)."""
    return profile_yaml_text(profile_document(profile)).encode("utf-8")


def profile_from_document(document: Mapping[str, Any]) -> CompanyProfile:
    """A stored version, validated again before it becomes the current one."""
    try:
        return CompanyProfile.model_validate(dict(document))
    except ValidationError as exc:
        raise ProfileError(
            f"ongeldig profiel / invalid profile: {exc.error_count()} problem(s)"
        ) from None


def profile_from_upload(name: str, data: bytes) -> CompanyProfile:
    """A profile from an uploaded YAML file; ProfileError (in Dutch and English) says why not."""
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(
            f"{name}: bestand te groot / file too large (> {MAX_PROFILE_BYTES} bytes)"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileError(f"{name}: geen UTF-8 / not UTF-8") from None
    return parse_profile(text, where=name)
