"""Credentials with their secret value: "deurcode is 4471", "password: hunter2"."""

from __future__ import annotations

import re
from functools import lru_cache

from exposure.candidates import Candidate

_WORDS = {
    "nl": r"(?:deur|poort|hek|alarm|toegangs|pin|kluis|sleutelkast|wifi|wi-fi)?code|wachtwoord"
    r"|pincode|inlog(?:code|naam)?|ww",
    "en": r"(?:door|gate|alarm|access|pin|safe|key\s+box|wifi|wi-fi)\s*code|password|passcode|pin"
    r"|login",
}


# "deurcode van de kleedkamer", "keys to the whole site": what the credential opens.
_OPENS = {
    "nl": r"(?:van|voor)\s+(?:de|het)\s+(?:hele\s+)?[\w-]+",
    "en": r"(?:for|to|of)\s+the\s+(?:whole\s+)?[\w-]+(?:\s+(?:room|house|gate|pc|office|site"
    r"|building|door|cabinet|hall|lab|store|cage|safe|system|server))?",
}
_OBJECTS = {
    "nl": rf"{_WORDS['nl']}|sleutels?|toegangspas(?:sen)?",
    "en": rf"{_WORDS['en']}|keys?|access\s+(?:card|pass)",
}
_VALUE = (
    r"(?:\s+(?:is|was|blijft|=|:)|\s*[:=])\s*(?:nog\s+steeds\s+|still\s+|gewoon\s+)?"
    r"[\"']?(?=[^\s\"']*\d)[^\s\"',.!?]{3,24}"
)


@lru_cache(maxsize=2)
def _regex(lang: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w])(?:(?:{_WORDS[lang]})(?:\s+{_OPENS[lang]})?{_VALUE}"
        rf"|(?:{_OBJECTS[lang]})\s+{_OPENS[lang]})(?![\w])",
        re.IGNORECASE,
    )


def find(text: str, lang: str) -> list[Candidate]:
    found = []
    for m in _regex(lang).finditer(text):
        kind = "secret" if re.search(r"\d", m.group(0)) else "default"
        found.append(Candidate(m.start(), m.end(), "ACCESS", "pattern", kind, composite=True))
    return found
