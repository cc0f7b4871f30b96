"""E-mail addresses."""

from __future__ import annotations

import re

from exposure.candidates import Candidate

_EMAIL = re.compile(
    r"(?<![\w.@+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w@-])"
)


def find(text: str) -> list[Candidate]:
    if "@" not in text:
        return []
    return [
        Candidate(m.start(), m.end(), "IDENTIFIER", "identifier", "email")
        for m in _EMAIL.finditer(text)
    ]
