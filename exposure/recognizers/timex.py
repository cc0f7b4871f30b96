"""Time and date expressions shared by the schedule and logistics recognizers."""

from __future__ import annotations

CLOCK = (
    r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?(?:uur|u|h|am|pm|a\.m\.|p\.m\.))?"
    r"|(?:[01]?\d|2[0-3])\s?(?:uur|u|am|pm|a\.m\.|p\.m\.|o'clock)(?![\w])"
    r"|(?:middernacht|midnight|noon)"
)

_DAYS = {
    "nl": (
        r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)(?:ochtend|middag|avond"
        r"|nacht)"
        r"|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
        r"|morgen(?:ochtend|middag|avond|nacht|vroeg)?|overmorgen|vannacht|vanavond|vanochtend"
        r"|vandaag|vanmiddag|komende\s+\w+dag|volgende\s+(?:week|maand|\w+dag)|deze\s+week"
        r"|dit\s+weekend|het\s+weekend|volgend\s+weekend|eind\s+van\s+de\s+week"
    ),
    "en": (
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:morning|afternoon"
        r"|evening|night)"
        r"|tomorrow(?:\s+(?:morning|afternoon|evening|night))?|tonight|today|this\s+(?:morning"
        r"|afternoon|evening|weekend|week)"
        r"|next\s+(?:week|month|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
        r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
    ),
}
_MONTHS = {
    "nl": r"jan(?:uari)?|feb(?:ruari)?|maart|mrt|apr(?:il)?|mei|jun[i]?|jul[i]?|aug(?:ustus)?"
    r"|sep(?:t|tember)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?",
    "en": r"jan(?:uary)?|feb(?:ruary)?|march|mar|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t"
    r"|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?",
}


def date(lang: str) -> str:
    months = _MONTHS[lang]
    return (
        rf"(?:[0-3]?\d(?:st|nd|rd|th|e)?\s+(?:{months})(?![\w])|(?:{months})\s+[0-3]?\d(?:st|nd"
        rf"|rd|th)?(?![\w])"
        r"|[0-3]?\d[-/][01]?\d(?:[-/](?:20)?\d\d)?(?![\w-]))"
    )


def day(lang: str) -> str:
    return rf"(?:{_DAYS[lang]})(?![\w])"


def when(lang: str) -> str:
    """A day or date, optionally with a clock time, or a clock time alone."""
    at = r"(?:om|rond|tegen|vanaf|tussen|at|around|by|from)"
    moment = rf"(?:{day(lang)}|{date(lang)})"
    return (
        rf"(?:{moment}(?:\s+(?:{at}\s+)?(?:{CLOCK}))?(?:\s*(?:-|tot|to|till|until)\s*(?:{CLOCK}))?"
        rf"|(?:{at}\s+)?(?:{CLOCK})(?:\s*(?:-|tot|to|till|until)\s*(?:{CLOCK}))?)"
    )
