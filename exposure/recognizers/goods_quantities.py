"""Quantities of goods with their container and substance: "20 vaten zoutzuur"."""

from __future__ import annotations

import re
from functools import lru_cache

from exposure.candidates import Candidate

_UNITS = {
    "nl": r"vaten|vat|drums?|ibc'?s|ibc|jerrycans?|pallets?|zakken|big\s*bags?|tanks?|flessen"
    r"|cilinders?|ton|kilo|kg|liter|l|m3|m³|kuub|miljoen\s+(?:ton|liter|m3|kuub)",
    "en": r"drums?|barrels?|ibcs?|ibc's|jerrycans?|jerry\s+cans?|pallets?|bags?|big\s*bags?"
    r"|tanks?|cylinders?|bottles?|tonnes?|tons?|kg|kilos?|litres?|liters?|m3|m³|gallons?"
    r"|million\s+(?:tonnes?|tons?|litres?|barrels?)|big\s+bags?",
}
_COUNT = {
    "nl": r"\d[\d.,]*|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig|dertig|veertig"
    r"|vijftig|honderd|duizend|een\s+paar|tientallen|honderden",
    "en": r"\d[\d.,]*|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty"
    r"|hundred|a\s+few|dozens\s+of|hundreds\s+of",
}
_OF = {"nl": r"(?:met|van|vol|aan)\s+", "en": r"(?:of|with|full\s+of)\s+"}
# "tank met 500 m3 methanol": the storage vessel in front belongs to the span.
_VESSEL = {
    "nl": r"(?:(?:opslag)?tanks?|silo|vat|container|ibc'?s)\s+(?:met|van|vol)\s+",
    "en": r"(?:(?:storage\s+)?tanks?|silo|drum|container|ibcs?)\s+(?:with|of|full\s+of)\s+",
}


@lru_cache(maxsize=4)
def _regex(lang: str, substances: str) -> re.Pattern[str]:
    sub = rf"(?:\s+(?:{_OF[lang]})?(?:{substances}))" if substances else ""
    return re.compile(
        rf"(?<![\w])(?:{_VESSEL[lang]})?(?:{_COUNT[lang]})\s*(?:{_UNITS[lang]})"
        rf"(?:{sub}){'?' if not substances else ''}(?![\w])",
        re.IGNORECASE,
    )


def find(text: str, lang: str, substances: tuple[str, ...]) -> list[Candidate]:
    """Quantity + unit + one of the known substances; the substance is required."""
    if not substances:
        return []
    return [
        Candidate(m.start(), m.end(), "GOODS", "pattern", "quantity", composite=True)
        for m in _regex_for(lang, substances).finditer(text)
    ]


@lru_cache(maxsize=8)
def _regex_for(lang: str, substances: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(s) for s in sorted(substances, key=len, reverse=True))
    return _regex(lang, alternation)
