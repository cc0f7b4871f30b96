"""Company terms that fill a rule's placeholders ({company}, {site}, ...).

The terms come from the company profile HR keeps; whatever the profile leaves
empty falls back to the vocabulary's neutral wording ("ons bedrijf", "our site"),
so a filled-in rule never shows a bare placeholder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from exposure.conduct.catalogue import LANGS, PLACEHOLDER_PATTERN, Vocabulary, default_catalogue

if TYPE_CHECKING:
    from exposure.profile import CompanyProfile, Contact


@dataclass(frozen=True)
class CompanyTerms:
    """Placeholder name -> language -> text, complete for every known placeholder."""

    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    from_profile_names: frozenset[str] = frozenset()  # placeholders the profile filled in

    @classmethod
    def defaults(cls, vocabulary: Vocabulary | None = None) -> CompanyTerms:
        vocabulary = vocabulary or default_catalogue().vocabulary
        values = {
            name: {lang: spec.default.get(lang) for lang in LANGS}
            for name, spec in vocabulary.placeholders.items()
        }
        return cls(values=values)

    @classmethod
    def from_profile(
        cls, profile: CompanyProfile | None, vocabulary: Vocabulary | None = None
    ) -> CompanyTerms:
        vocabulary = vocabulary or default_catalogue().vocabulary
        base = cls.defaults(vocabulary)
        if profile is None:
            return base
        values = {name: dict(langs) for name, langs in base.values.items()}
        filled: set[str] = set()
        for name, spec in vocabulary.placeholders.items():
            if spec.profile == "reporting_contacts":
                contact = _contact_for(
                    getattr(profile, "reporting_contacts", []), spec.role_keywords
                )
                if contact is not None and spec.role is not None:
                    values[name] = {
                        lang: _describe_contact(contact, spec.role.get(lang)) for lang in LANGS
                    }
                    filled.add(name)
                continue
            terms = getattr(profile, spec.profile, None) or []
            if terms:
                values[name] = {lang: str(terms[0]) for lang in LANGS}
                filled.add(name)
        return cls(values=values, from_profile_names=frozenset(filled))

    def value(self, name: str, lang: str) -> str:
        return self.values[name][lang]

    @property
    def company(self) -> str | None:
        """The company's own name, or None when the profile does not give one."""
        return self.values["company"]["nl"] if "company" in self.from_profile_names else None

    def fill(self, text: str, lang: str) -> str:
        """Replace every known {placeholder}; values are inserted literally, never re-expanded."""

        def replace(match) -> str:
            name = match.group(1)
            if name in self.values:
                return self.values[name][lang]
            return match.group(0)

        return PLACEHOLDER_PATTERN.sub(replace, text)


def _contact_for(contacts, keywords) -> Contact | None:
    for contact in contacts or []:
        role = str(getattr(contact, "role", "")).lower()
        if any(keyword.lower() in role for keyword in keywords):
            return contact
    return None


def _describe_contact(contact, role_word: str) -> str:
    reach = getattr(contact, "phone", None) or getattr(contact, "email", None)
    details = f"{role_word}, {reach}" if reach else role_word
    return f"{contact.name} ({details})"
