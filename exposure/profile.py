"""The company profile: names and terms HR maintains so the scanner knows the firm.

HR edits a YAML file; it is validated here so that a typo gives a clear message
instead of a scanner that silently ignores the profile.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

SAMPLE_PROFILE_PATH = (
    Path(__file__).resolve().parent.parent / "data" / "profiles" / "sample_profile.yaml"
)
MAX_PROFILE_BYTES = 1_000_000
MAX_TERM_LENGTH = 120


class ProfileError(ValueError):
    """The profile file cannot be used; the message says why, in Dutch and English."""


class Contact(BaseModel):
    """Someone employees can report an approach to."""

    model_config = ConfigDict(extra="forbid")

    role: str = Field(min_length=1, max_length=MAX_TERM_LENGTH)
    name: str = Field(min_length=1, max_length=MAX_TERM_LENGTH)
    phone: str | None = None
    email: str | None = None


class CompanyProfile(BaseModel):
    """What the scanner must recognise as belonging to this company."""

    model_config = ConfigDict(extra="forbid")

    company_names: list[str] = Field(default_factory=list)
    site_names: list[str] = Field(default_factory=list)
    gates_and_buildings: list[str] = Field(default_factory=list)
    substances: list[str] = Field(default_factory=list)
    partners: list[str] = Field(default_factory=list)
    systems: list[str] = Field(default_factory=list)
    allow_list: list[str] = Field(default_factory=list)
    reporting_contacts: list[Contact] = Field(default_factory=list)
    min_group_size: int = Field(default=10, ge=5)

    @field_validator(
        "company_names",
        "site_names",
        "gates_and_buildings",
        "substances",
        "partners",
        "systems",
        "allow_list",
    )
    @classmethod
    def _clean_terms(cls, terms: list[str]) -> list[str]:
        cleaned: list[str] = []
        for term in terms:
            term = " ".join(str(term).split())
            if not term:
                continue
            if len(term) > MAX_TERM_LENGTH:
                raise ValueError(f"term longer than {MAX_TERM_LENGTH} characters: {term[:40]}...")
            if term not in cleaned:
                cleaned.append(term)
        return cleaned


def parse_profile(text: str, where: str = "profile") -> CompanyProfile:
    """Validate profile YAML text; raise ProfileError naming the problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (regel/line {mark.line + 1})" if mark is not None else ""
        raise ProfileError(
            f"{where}: geen geldige YAML{line} / not valid YAML{line}: {exc}"
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProfileError(f"{where}: verwacht een lijst van velden / expected a mapping of fields")
    try:
        return CompanyProfile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ProfileError(f"{where}: ongeldig profiel / invalid profile: {problems}") from None


def load_profile(path: str | Path) -> CompanyProfile:
    """Read and validate a profile file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError(
            f"{path}: kan het profiel niet lezen / cannot read the profile: {exc.strerror}"
        ) from None
    if len(raw) > MAX_PROFILE_BYTES:
        raise ProfileError(
            f"{path}: bestand te groot / file too large (> {MAX_PROFILE_BYTES} bytes)"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: geen UTF-8 / not UTF-8") from None
    return parse_profile(text, where=str(path))


def sample_profile() -> CompanyProfile:
    """The fictional profile that ships with the product."""
    return load_profile(SAMPLE_PROFILE_PATH)
