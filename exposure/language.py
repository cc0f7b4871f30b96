"""Dutch or English? Posts are short, so the detector is restricted to those two.

lingua is far better than n-gram guessers on short text; still, for very short or
evenly balanced text Dutch is the default, because the product serves a Dutch
estate and a Dutch pipeline copes better with the odd English word than the reverse.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

MIN_LETTERS = 12  # below this, only a clear English signal moves away from Dutch
ENGLISH_MARGIN = 0.2  # English must beat Dutch by this much confidence
MAX_CHARS = 2_000  # the start of a post says enough about its language
_ENGLISH_ONLY = re.compile(
    r"\b(?:the|and|is|are|was|my|our|with|at|on|tonight|tomorrow|shift|hello|thanks|welcome|great"
    r"|love)\b",
    re.IGNORECASE,
)
_DUTCH_ONLY = re.compile(
    r"\b(?:de|het|een|en|ik|wij|niet|met|bij|op|van|voor|morgen|vannacht|dienst)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(Language.DUTCH, Language.ENGLISH).build()


def detect_language(text: str) -> str:
    """ "nl" or "en"; "nl" on ties, empty text and very short text unless clearly English."""
    sample = (text or "")[:MAX_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    if letters == 0:
        return "nl"
    if letters < MIN_LETTERS:
        english = len(_ENGLISH_ONLY.findall(sample))
        dutch = len(_DUTCH_ONLY.findall(sample))
        return "en" if english > dutch else "nl"
    values = {v.language: v.value for v in _detector().compute_language_confidence_values(sample)}
    en = values.get(Language.ENGLISH, 0.0)
    nl = values.get(Language.DUTCH, 0.0)
    return "en" if en - nl > ENGLISH_MARGIN else "nl"
