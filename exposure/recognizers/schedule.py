"""Schedule phrases: when a person is at work, alone, or away.

Shift words themselves come from the SCHEDULE lexicon; this recognizer adds the
phrases whose meaning sits in several words: a clock time bounded by "tot",
"vanaf" or "after", being alone on a shift, and absence ("next week on holiday").
"""

from __future__ import annotations

import re
from functools import lru_cache

from exposure.candidates import Candidate
from exposure.recognizers.timex import CLOCK, date, day

_PHRASES = {
    "nl": [
        # "alleen tot 06:00", "vanaf 22:00", "tot 6 uur", "22:00-06:00"
        rf"(?:(?:{day('nl')})\s+)?(?:alleen\s+|met\s+z'n\s+(?:tweeën|drieën|tweeen"
        rf"|drieen)\s+)?(?:tot|vanaf|na|tussen)\s+(?:{CLOCK})(?:\s*(?:-|en"
        rf"|tot)\s*(?:{CLOCK}))?",
        r"(?:\d+|twee|drie|vier|vijf|zes|zeven)\s+dagen\s+vrij|alleen\s+doordeweeks",
        rf"(?:{CLOCK})\s*(?:-|tot)\s*(?:{CLOCK})",
        # alone on site
        rf"(?:{day('nl')}|'s\s+nachts|het\s+hele\s+weekend|vannacht)\s+(?:helemaal\s+)?alleen",
        r"alleen\s+(?:op\s+(?:de\s+)?(?:nacht|dienst|wacht|post)|in\s+de\s+nacht|(?:van)?nacht"
        r"|dit\s+weekend)",
        # absence
        rf"(?:(?:{day('nl')}|vanaf\s+\w+dag|deze\s+zomer|in\s+de\s+zomer"
        rf"|(?:\w+\s+)?weken?)\s+)?(?:op"
        rf"|met)\s+vakantie(?:\s+naar\s+[A-Z]\w+)?(?:\s+(?:{day('nl')}))?",
        rf"(?:vanaf\s+(?:{day('nl')}|{date('nl')})\s+)?(?:\d+|twee|drie|vier|vijf|zes)\s+weken"
        r"\s+(?:weg|vrij|thuis|afwezig|op\s+vakantie)",
        rf"(?:{day('nl')})\s+om\s+(?:{CLOCK})",
        r"(?:elk|ieder)e?\s+weekend(?:\s+deze\s+maand)?|(?:elke|iedere)\s+(?:kerst"
        r"|feestdag)\s+werken",
        # a shift with its day: "weekenddienst op zaterdag", "morgen reservedienst"
        rf"(?:(?:vroege|late)\s+)?(?:\w*dienst|consignatie|\w*ploeg)\s+(?:op|van|tot\s+en\s+met"
        rf"|t/m)?\s*(?:{day('nl')})",
        r"(?:alleen|in\s+m'n\s+eentje)\s+(?:tot|vanaf)\s+(?:[01]?\d|2[0-3])(?![\w:.])",
        rf"(?:vanaf\s+)?(?:{day('nl')})\s+(?:de\s+)?(?:eerste\s+|laatste\s+)?(?:\w*dienst"
        rf"|consignatie"
        r"|\w*ploeg)(?![\w])",
        # runs of shifts
        r"(?:\d+|twee|drie|vier|vijf|zes|zeven)\s+(?:nachten|nachtdiensten|diensten|vroege"
        r"|late)\s+(?:achter\s+elkaar|op\s+rij)",
        r"(?:elke|iedere)\s+(?:nacht|week|\w+dag)\s+(?:dienst|nachtdienst|de\s+nacht)",
    ],
    "en": [
        r"(?:alone|on\s+my\s+own|by\s+myself)\s+(?:until|till|from)\s+(?:[01]?\d|2[0-3])(?![\w:.])",
        rf"(?:(?:{day('en')})\s+)?(?:alone\s+|solo\s+|on\s+my\s+own\s+|(?:just\s+)?the\s+(?:two"
        rf"|three)\s+of\s+us\s+)?(?:until|till|til|from|after"
        rf"|between)\s+(?:{CLOCK})(?:\s*(?:-|and|to|till|until)\s*(?:{CLOCK}))?",
        rf"(?:{CLOCK})\s*(?:-|to|till|until)\s*(?:{CLOCK})",
        rf"(?:on\s+my\s+own|alone|solo|by\s+myself)\s+(?:{day('en')}"
        rf"|on\s+(?:the\s+)?(?:night\s+shift|nights|site|shift)|all\s+night|at\s+night)",
        rf"(?:{day('en')})\s+(?:on\s+my\s+own|alone|solo|by\s+myself)",
        rf"(?:(?:{day('en')}|from\s+\w+day|this\s+summer"
        rf"|for\s+(?:\w+\s+)?weeks?)\s+)?on\s+(?:holiday|vacation|leave)(?:\s+(?:{day('en')}"
        rf"|from\s+(?:{day('en')})|for\s+(?:\w+\s+)?weeks?))?",
        rf"(?:away|off)\s+(?:for\s+)?(?:\d+|two|three|four|five"
        rf"|six)\s+weeks(?:\s+from\s+(?:{day('en')}))?|(?:\d+|two|three|four|five"
        rf"|six)\s+days\s+off",
        rf"(?:(?:night|early|late|day|weekend|double|evening)\s+shifts?|nights|earlies|lates"
        rf"|on\s+call)\s+(?:on|through|till|until|to)?\s*(?:{day('en')})",
        rf"(?:from\s+)?(?:{day('en')})\s+(?:(?:night|early|late|day|weekend|double"
        rf"|evening)\s+shifts?"
        rf"|nights)(?![\w])",
        rf"(?:first|last)\s+(?:night|early|late|day)\s+shift\s+(?:{day('en')})",
        rf"(?:{day('en')})\s+at\s+(?:{CLOCK})",
        r"every\s+weekend(?:\s+this\s+month)?|weekdays\s+only|(?:work\s+)?every\s+christmas"
        r"|(?:sunday|saturday|weekend)\s+shifts?",
        rf"away\s+(?:from\s+(?:{date('en')}|{day('en')})\s+)?for\s+(?:\d+|two|three|four)\s+weeks",
        r"(?:\d+|two|three|four|five|six|seven)\s+(?:nights|night\s+shifts|shifts|earlies"
        r"|lates)\s+in\s+a\s+row",
    ],
}


@lru_cache(maxsize=2)
def _regex(lang: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + "|".join(_PHRASES[lang]) + r")(?![\w])", re.IGNORECASE)


def find(text: str, lang: str) -> list[Candidate]:
    return [
        Candidate(m.start(), m.end(), "SCHEDULE", "pattern", "default")
        for m in _regex(lang).finditer(text)
    ]
