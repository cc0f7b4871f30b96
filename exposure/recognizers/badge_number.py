"""Badge, pass and staff numbers: a number right after a word that says what it is."""

from __future__ import annotations

import re

from exposure.candidates import Candidate

# Words that name the number itself; a number may follow directly.
_NUMBER_WORDS = (
    r"pasnummer|pasnr\.?|personeelsnummer|personeelsnr\.?|medewerkers?nummer|werknemersnummer|"
    r"badgenummer|badgenr\.?|staff (?:number|no\.?|id)|employee (?:number|no\.?|id)|"
    r"badge (?:number|no\.?|id)|pass (?:number|no\.?)|(?:toegangs|personeels"
    r"|bedrijfs)?pas(?:je)? ?nr\.?"
)
# Words that name the badge; a number counts only after "nr", "#" or ":".
_BADGE_WORDS = r"toegangspas(?:je)?|personeelspas|bedrijfspas|badge|pasje|pas|staff|employee"
_BADGE = re.compile(
    rf"(?i:\b(?:(?:{_NUMBER_WORDS})\s*(?:is|=|:|#)?|(?:{_BADGE_WORDS})\s*(?:nr\.?|nummer|number"
    rf"|no\.?|#|:|id)\s*(?:is|=|:)?)"
    rf")\s*#?\s*(?P<value>(?<![\w-])(?:[A-Za-z]{{1,2}}-?)?\d{{4,8}}(?![\w-]))"
)


def find(text: str) -> list[Candidate]:
    found = []
    for m in _BADGE.finditer(text):
        value = m.group("value")
        # Years are not badge numbers.
        if re.fullmatch(r"(?:19|20)\d\d", value):
            continue
        found.append(
            Candidate(m.start("value"), m.end("value"), "IDENTIFIER", "identifier", "badge")
        )
    return found
