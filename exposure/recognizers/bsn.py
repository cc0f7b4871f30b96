"""Dutch citizen service numbers (BSN), with the elfproef, only where the text says BSN.

Nine digits pass the elfproef one time in eleven, so without a context word a BSN
cannot be told from an order or tracking number.
"""

from __future__ import annotations

import re

from stdnum.nl import bsn

from exposure.candidates import Candidate

CONTEXT = re.compile(
    r"\b(?:bsn|burgerservicenummer|sofi-?nummer|citizen service number|social security)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?<![\d.])\d{4}\.?\d{2}\.?\d{3}(?![\d])|(?<![\d])\d{3} ?\d{3} ?\d{3}(?![\d])"
)
WINDOW = 40


def find(text: str) -> list[Candidate]:
    if not CONTEXT.search(text):
        return []
    found = []
    for m in _NUMBER.finditer(text):
        compact = re.sub(r"[ .]", "", m.group(0))
        if not bsn.is_valid(compact):
            continue
        window = text[max(0, m.start() - WINDOW) : m.start()]
        if CONTEXT.search(window):
            found.append(Candidate(m.start(), m.end(), "IDENTIFIER", "identifier", "bsn"))
    return found
