"""Placeholders such as {company} or {security_manager} in training content.

Content is written once for every company; the company profile fills in its own
names and reporting contacts. Every placeholder has a default per language, so a
module reads well even when the profile leaves a field empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

PLACEHOLDER_PATTERN = re.compile(r"\{([a-z][a-z_]*)\}")
# Anything that looks like a placeholder, so a typo such as {Company} or {site name} is reported.
SUSPECT_PATTERN = re.compile(r"\{[^{}\n]{1,40}\}")

CONDUCT_RULES = "conduct_rules"


class ContactLike(Protocol):
    role: str
    name: str
    phone: str | None
    email: str | None


class ProfileLike(Protocol):
    """The fields of exposure.profile.CompanyProfile that training reads."""

    company_names: Sequence[str]
    site_names: Sequence[str]
    reporting_contacts: Sequence[ContactLike]


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str
    default_nl: str
    default_en: str
    block: bool = False  # stands alone on a line and is replaced by Markdown

    def default(self, lang: str) -> str:
        return self.default_en if lang == "en" else self.default_nl


def _contact_placeholders(key: str, who: str, nl: str, en: str) -> list[Placeholder]:
    return [
        Placeholder(key, f"name of the {who}, with the role in brackets", f"de {nl}", f"the {en}"),
        Placeholder(
            f"{key}_phone", f"phone number of the {who}", "zie het intranet", "see the intranet"
        ),
        Placeholder(
            f"{key}_email", f"e-mail address of the {who}", "zie het intranet", "see the intranet"
        ),
    ]


# How a named contact is introduced: "Petra Bakker (securitymanager)".
ROLE_NAMES: dict[str, dict[str, str]] = {
    "security_manager": {"nl": "securitymanager", "en": "security manager"},
    "confidential_adviser": {"nl": "vertrouwenspersoon", "en": "confidential adviser"},
}


PLACEHOLDERS: dict[str, Placeholder] = {
    p.name: p
    for p in [
        Placeholder("company", "the company's name", "ons bedrijf", "our company"),
        Placeholder("site", "the company's site", "ons terrein", "our site"),
        *_contact_placeholders(
            "security_manager", "security manager", "securitymanager", "security manager"
        ),
        *_contact_placeholders(
            "confidential_adviser",
            "confidential adviser",
            "vertrouwenspersoon",
            "confidential adviser",
        ),
        Placeholder(
            CONDUCT_RULES,
            "the company's published social-media conduct rules (Markdown)",
            "_Er zijn nog geen gedragsregels gepubliceerd. Vraag HR of je leidinggevende "
            "welke afspraken er gelden._",
            "_No conduct rules have been published yet. Ask HR or your manager which "
            "agreements apply._",
            block=True,
        ),
    ]
}

# Profiles name roles freely; these spellings all mean the same contact.
ROLE_ALIASES: dict[str, frozenset[str]] = {
    "security_manager": frozenset(
        {
            "security_manager",
            "securitymanager",
            "security",
            "security_officer",
            "beveiliging",
            "beveiligingsmanager",
            "beveiligingscoordinator",
            "hoofd_beveiliging",
            "head_of_security",
            "pfso",
            "port_facility_security_officer",
        }
    ),
    "confidential_adviser": frozenset(
        {
            "confidential_adviser",
            "confidential_advisor",
            "vertrouwenspersoon",
            "vertrouwens_persoon",
            "trusted_person",
        }
    ),
}


def normalise_role(role: str) -> str:
    folded = role.casefold().replace("ö", "o").strip()
    return re.sub(r"[\s\-/.]+", "_", folded).strip("_")


def find_placeholders(text: str) -> list[str]:
    """Names of all well-formed placeholders in `text`, in order of appearance."""
    return PLACEHOLDER_PATTERN.findall(text)


def unknown_placeholders(text: str) -> list[str]:
    """Brace expressions in `text` that are not a known placeholder (typos included)."""
    unknown = []
    for match in SUSPECT_PATTERN.finditer(text):
        name = match.group(0)[1:-1]
        if name not in PLACEHOLDERS:
            unknown.append(match.group(0))
    return unknown


def escape_markdown(value: str) -> str:
    """Profile values are typed by HR; keep them from turning into links or emphasis."""
    return re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", value)


def _first(values: Sequence[str] | None) -> str | None:
    for value in values or ():
        if value and value.strip():
            return value.strip()
    return None


def _contact(profile: ProfileLike | None, key: str) -> ContactLike | None:
    if profile is None:
        return None
    for contact in getattr(profile, "reporting_contacts", None) or ():
        if role_matches(contact.role or "", key) and (contact.name or "").strip():
            return contact
    return None


def role_matches(role: str, key: str) -> bool:
    """Does a profile's free-text role ("Vertrouwenspersoon / confidential adviser")
    name this contact? Any alias may appear as a whole run of words in it."""
    padded = f"_{normalise_role(role)}_"
    return any(f"_{alias}_" in padded for alias in ROLE_ALIASES[key])


def placeholder_values(
    profile: ProfileLike | None, lang: str, conduct_rules: str | None = None
) -> dict[str, str]:
    """Values for every placeholder: from the profile where it has them, else the default."""
    found: dict[str, str | None] = {
        "company": _first(getattr(profile, "company_names", None)),
        "site": _first(getattr(profile, "site_names", None)),
    }
    for key in ROLE_ALIASES:
        contact = _contact(profile, key)
        role = ROLE_NAMES[key]["en" if lang == "en" else "nl"]
        found[key] = f"{contact.name.strip()} ({role})" if contact else None
        found[f"{key}_phone"] = (contact.phone or "").strip() or None if contact else None
        found[f"{key}_email"] = (contact.email or "").strip() or None if contact else None

    values = {
        name: escape_markdown(found[name]) if found.get(name) else p.default(lang)
        for name, p in PLACEHOLDERS.items()
        if not p.block
    }
    rules = (conduct_rules or "").strip()
    values[CONDUCT_RULES] = rules or PLACEHOLDERS[CONDUCT_RULES].default(lang)
    return values


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace placeholders in one pass, so braces inside values are never expanded."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return values[name] if name in values else match.group(0)

    return PLACEHOLDER_PATTERN.sub(replace, text)
