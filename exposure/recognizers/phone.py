"""Phone numbers, Dutch and international, validated by libphonenumber."""

from __future__ import annotations

import re

import phonenumbers

from exposure.candidates import Candidate

# Public numbers everyone may share (police, anonymous crime line, emergency).
PUBLIC_NUMBERS = {"09008844", "08007000", "112", "0882008000"}
_ENOUGH_DIGITS = re.compile(r"(?:\d\D{0,3}){8}")


def find(text: str) -> list[Candidate]:
    if not _ENOUGH_DIGITS.search(text):
        return []
    found = []
    try:
        matches = list(
            phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID)
        )
    except Exception:  # noqa: BLE001 - a library hiccup on odd input must not stop a scan
        return []
    for match in matches:
        digits = re.sub(r"\D", "", match.raw_string)
        national = str(match.number.national_number)
        if digits in PUBLIC_NUMBERS or "0" + national in PUBLIC_NUMBERS:
            continue
        start, end = match.start, match.end
        # An IBAN, BSN or container number is not a phone number even if digits fit.
        before = text[max(0, start - 1) : start]
        after = text[end : end + 1]
        if before.isalnum() or after.isalnum():
            continue
        found.append(Candidate(start, end, "IDENTIFIER", "identifier", "phone"))
    return found
