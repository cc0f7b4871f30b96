"""ISO 6346 shipping container numbers (owner code, serial, check digit)."""

from __future__ import annotations

import re

from stdnum import iso6346

from exposure.candidates import Candidate

_CONTAINER = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{3}[UJZujz] ?\d{6} ?-? ?\d(?![A-Za-z0-9])")


def find(text: str) -> list[Candidate]:
    found = []
    for m in _CONTAINER.finditer(text):
        compact = re.sub(r"[\s-]", "", m.group(0)).upper()
        if iso6346.is_valid(compact):
            found.append(Candidate(m.start(), m.end(), "IDENTIFIER", "identifier", "container"))
    return found
