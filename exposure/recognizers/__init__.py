"""Recognizers: one module per kind of detail, each with its patterns and validation.

The registry below is the one list the identifier component walks; lexicon,
profile and phrase-pattern recognizers are configured from data files and are
assembled by exposure.pipeline.
"""

from __future__ import annotations

from collections.abc import Callable

from exposure.candidates import Candidate
from exposure.recognizers import (
    badge_number,
    bsn,
    container_number,
    email,
    iban,
    licence_plate,
    phone,
)

IdentifierRecognizer = Callable[[str], list[Candidate]]

# Order matters only for speed; the resolver settles overlaps.
IDENTIFIER_RECOGNIZERS: dict[str, IdentifierRecognizer] = {
    "email": email.find,
    "iban": iban.find,
    "container": container_number.find,
    "plate": licence_plate.find,
    "bsn": bsn.find,
    "phone": phone.find,
    "badge": badge_number.find,
}


def find_identifiers(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for recognizer in IDENTIFIER_RECOGNIZERS.values():
        found.extend(recognizer(text))
    return found
