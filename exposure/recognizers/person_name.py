"""Names of people: a known first name, optionally with tussenvoegsels and a surname.

First names come from data/lexicons/person_first_names.txt; names that are also
ordinary words (data/lexicons/person_name_words.txt: "Mark", "Roos", "Ben") count
only with a surname after them or a word like "collega" before them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from exposure.candidates import Candidate

LEXICON_DIR = Path(__file__).resolve().parents[2] / "data" / "lexicons"
PARTICLES = (
    r"(?i:van\s+der|van\s+den|van\s+de|van|de|der|den|ter|ten|te|in\s+'t|op\s+de"
    r"|le|la|du|el|al|bin|da|di|mc)"
)
_SURNAME = r"[A-Z][a-zà-ÿ'’-]+(?:-[A-Z][a-zà-ÿ'’]+)?"
_INTRO = re.compile(
    r"(?:collega|college|colleague|mate|buddy|maat|baas|boss|zwager|buurman|buurvrouw|neef|nicht|"
    r"broer|zus|vriend|vriendin|vrouw|man|brother|sister|wife|husband|neighbour|with|met|en|and|"
    r"ploegleider|supervisor|teamleider|manager)\s+$",
    re.IGNORECASE,
)


def _read(name: str) -> set[str]:
    path = LEXICON_DIR / name
    return {
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], frozenset[str]]:
    names = _read("person_first_names.txt")
    words = frozenset(_read("person_name_words.txt"))
    alternation = "|".join(sorted(map(re.escape, names | words), key=len, reverse=True))
    regex = re.compile(
        rf"(?<![\w@#])(?P<first>{alternation})(?P<rest>(?:\s+{PARTICLES})*\s+{_SURNAME})?(?![\w])"
    )
    return regex, words


def find(text: str) -> list[Candidate]:
    regex, words = _tables()
    found = []
    for m in regex.finditer(text):
        first, rest = m.group("first"), m.group("rest")
        if rest and rest.split()[-1].lower() in {"en", "and", "bij", "at", "op"}:
            rest = None
        end = m.end() if rest else m.end("first")
        if (
            not rest
            and first in words
            and not _INTRO.search(text[max(0, m.start() - 20) : m.start()])
        ):
            continue
        found.append(Candidate(m.start(), end, "PERSON", "pattern", "default"))
    return found
