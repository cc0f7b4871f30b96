"""IBAN bank account numbers with a valid check (ISO 13616 mod 97)."""

from __future__ import annotations

import re

from stdnum import iban

from exposure.candidates import Candidate

_IBAN = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}"
    r"(?: ?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])"
)


def find(text: str) -> list[Candidate]:
    found = []
    for m in _IBAN.finditer(text):
        value = m.group(0)
        # The regex may take one group too many; try shorter endings before giving up.
        for cut in _endings(value):
            if iban.is_valid(cut):
                found.append(
                    Candidate(m.start(), m.start() + len(cut), "IDENTIFIER", "identifier", "iban")
                )
                break
    return found


def _endings(value: str) -> list[str]:
    parts = value.split(" ")
    if len(parts) == 1:
        return [value]
    return [" ".join(parts[:n]) for n in range(len(parts), 1, -1)]
