"""The company profile's own names and terms, matched before anything else.

HR knows its gate numbers, systems and partners better than any lexicon, so
these matches take precedence; the profile's allow_list silences harmless terms
everywhere (a profile term inside an allowed phrase is not reported either).
"""

from __future__ import annotations

import re

from exposure.candidates import Candidate
from exposure.profile import CompanyProfile

# Which label and explanation kind each profile field stands for.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "company_names": ("ORG", "employer"),
    "partners": ("ORG", "partner"),
    "site_names": ("SITE", "site"),
    "gates_and_buildings": ("SITE", "gate"),
    "substances": ("GOODS", "substance"),
    "systems": ("ACCESS", "system"),
}


def _term_regex(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    ordered = sorted(set(terms), key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(part) for part in t.split()) for t in ordered)
    # Hashtags and @mentions may glue the name to other words: #TeamNoordchem.
    return re.compile(rf"(?<![\w#@])(?:[#@]\w*?(?:{body})\w*|(?:{body}))(?![\w])", re.IGNORECASE)


class ProfileRecognizer:
    def __init__(self, profile: CompanyProfile | None) -> None:
        self.profile = profile
        self._fields: list[tuple[str, str, re.Pattern[str]]] = []
        self._allow: re.Pattern[str] | None = None
        if profile is None:
            return
        for field_name, (label, kind) in FIELD_LABELS.items():
            regex = _term_regex(getattr(profile, field_name))
            if regex is not None:
                self._fields.append((label, kind, regex))
        self._allow = _term_regex(profile.allow_list)

    def allowed_ranges(self, text: str) -> list[tuple[int, int]]:
        if self._allow is None:
            return []
        return [(m.start(), m.end()) for m in self._allow.finditer(text)]

    def find(self, text: str) -> list[Candidate]:
        if not self._fields:
            return []
        allowed = self.allowed_ranges(text)
        found = []
        for label, kind, regex in self._fields:
            for m in regex.finditer(text):
                if any(s <= m.start() and m.end() <= e for s, e in allowed):
                    continue
                # Estate and town names are where people also walk the dog.
                weak = kind == "site"
                found.append(Candidate(m.start(), m.end(), label, "profile", kind, weak=weak))
        return found
