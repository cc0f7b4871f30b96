"""Dutch licence plates in every RDW side code (1-14), with sanity checks."""

from __future__ import annotations

import re

from exposure.candidates import Candidate

# X = letter, 9 = digit; the hyphens are how people write plates.
SIDECODES = (
    "XX-99-99",
    "99-99-XX",
    "99-XX-99",
    "XX-99-XX",
    "XX-XX-99",
    "99-XX-XX",
    "99-XXX-9",
    "9-XXX-99",
    "XX-999-X",
    "X-999-XX",
    "XXX-99-X",
    "X-99-XXX",
    "9-XX-999",
    "999-XX-9",
)
# The RDW leaves out vowels and letters that look like digits or other letters.
PLATE_LETTERS = "BDFGHJKLMNPRSTVXZ"
# Combinations the RDW never issues because of what they spell.
FORBIDDEN = {"SS", "SD", "SA", "NSB", "PVV", "SGP", "KKK", "GVD", "KVT", "LPF", "TBS", "VVD", "PKK"}


def _pattern(code: str) -> str:
    groups = []
    for group in code.split("-"):
        if group[0] == "X":
            groups.append(f"[{PLATE_LETTERS}{PLATE_LETTERS.lower()}]{{{len(group)}}}")
        else:
            groups.append(rf"\d{{{len(group)}}}")
    return "-".join(groups)


_PLATE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?:{_pattern(c)})" for c in SIDECODES) + r")(?![\w-])"
)


def is_plausible_plate(value: str) -> bool:
    letters = [g.upper() for g in value.split("-") if g.isalpha()]
    if any(group in FORBIDDEN for group in letters):
        return False
    # Mixed case ("Gx-12-bT") is not how anyone writes a plate.
    alpha = "".join(ch for ch in value if ch.isalpha())
    return alpha.isupper() or alpha.islower()


def find(text: str) -> list[Candidate]:
    if "-" not in text:
        return []
    return [
        Candidate(m.start(), m.end(), "IDENTIFIER", "identifier", "plate")
        for m in _PLATE.finditer(text)
        if is_plausible_plate(m.group(0))
    ]
