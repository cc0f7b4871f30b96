"""Vehicles and shipments with their movement and timing, as one span.

"de tanker komt donderdag om 06:00" is LOGISTICS as a whole: a time of goods or
ships moving belongs with them, not with SCHEDULE.
"""

from __future__ import annotations

import re
from functools import lru_cache

from exposure.candidates import Candidate
from exposure.recognizers.timex import when

VEHICLES = {
    "nl": (
        r"(?:container|bunker|sleep)?schepen|(?:container|bunker|tank)?schip|(?:bunker|sleep)boot"
        r"|ketelwagentrein"
        r"|tankers?|binnenvaartschip|coaster|bulkcarrier|boot"
        r"|vrachtwagens?|trucks?"
        r"|tankwagens?|trailers?|opleggers?|containers?|lading|levering(?:en)?|zending(?:en)?"
        r"|transport(?:en)?"
        r"|vracht|trein|goederentrein|wagons?|(?-i:(?:MV|MS|MT)\s+[A-Z]\w+(?:\s+[A-Z]\w+)?)"
    ),
    "en": (
        r"(?:road\s+|rail\s+)?tankers?|(?:container\s+)?ships?|vessels?|barges?|boats?|coasters?"
        r"|tugs?"
        r"|bulk\s+carriers?|lorr(?:y|ies)|trucks?|tank\s+trucks?|trailers?"
        r"|containers?"
        r"|shipments?|deliver(?:y|ies)|cargo|loads?|consignments?|freight|train|convoy|(?:MV|MS"
        r"|MT)\s+(?-i:[A-Z])\w+(?:\s+(?-i:[A-Z])\w+)?"
    ),
}
MOVES = {
    "nl": (
        r"komt|komen|arriveert|arriveren|vertrekt|vertrekken|gaat|gaan|ligt\s+aan|meert\s+aan"
        r"|wordt\s+(?:gelost|geladen|opgehaald|gebracht)"
        r"|lost|laadt|rijdt|rijden|vaart|varen|staat\s+klaar|is\s+er|wordt\s+verwacht"
    ),
    "en": (
        r"comes?\s+in|comes?|berths?|moors?|moored|arrives?|leaves?|departs?|docks?|is\s+due"
        r"|are\s+due"
        r"|goes|go|sails?|unloads?|loads|is\s+(?:being\s+)?(?:unloaded|loaded|collected)"
        r"|gets?\s+(?:in|loaded|unloaded)|is\s+coming|are\s+coming|is\s+expected"
        r"|(?:will\s+)?(?:arrive|leave|depart)"
    ),
}
_ROUTE = {"nl": r"naar\s+(?-i:[A-Z])\w+", "en": r"(?:to|for)\s+(?-i:[A-Z])\w+"}


@lru_cache(maxsize=2)
def _regexes(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    usually = r"(?:(?:altijd|meestal|elke\s+dag|always|usually|every\s+day)\s+)?"
    target = rf"{usually}(?:{when(lang)}|{_ROUTE[lang]})(?:\s+(?:{when(lang)}|{_ROUTE[lang]}))?"
    forward = (
        rf"(?:{VEHICLES[lang]})(?:\s+(?-i:[A-Z])\w+){{0,2}}\s+(?:{MOVES[lang]})(?:\s+(?:{target}))?"
    )
    # Dutch often puts the time first: "donderdag komt er een tanker".
    inverted = (
        rf"|(?:{when(lang)})\s+(?:{MOVES[lang]})\s+er\s+(?:een|de"
        rf"|weer\s+een)\s+(?:{VEHICLES[lang]})"
        if lang == "nl"
        else ""
    )
    full = re.compile(rf"(?<![\w])(?:{forward}{inverted})(?![\w])", re.IGNORECASE)
    # A movement + time standing alone after another span: "... vertrekt om 04:30".
    tail = re.compile(
        rf"(?<![\w])(?:(?:altijd|meestal|always"
        rf"|usually)\s+)?(?:{MOVES[lang]})\s+(?:{target})(?![\w])",
        re.IGNORECASE,
    )
    return full, tail


_COUNTED = re.compile(
    r"(?<![\w])\d[\d.,]*\s+(?:containers?|tankwagens?|vrachtwagens?|trucks?|lorries|schepen|ships"
    r"|barges?|trailers?|wagons?)"
    r"(?:\s+(?:per|a|an|in\s+de|each)\s+(?:dag|week|nacht|maand|day|night|month))?(?![\w])",
    re.IGNORECASE,
)


def find(text: str, lang: str) -> list[Candidate]:
    full, tail = _regexes(lang)
    found = [
        Candidate(m.start(), m.end(), "LOGISTICS", "pattern", "default")
        for m in _COUNTED.finditer(text)
    ]
    covered: list[tuple[int, int]] = []
    vehicle = re.compile(rf"(?<![\w])(?:{VEHICLES[lang]})(?![\w])", re.IGNORECASE)
    for m in full.finditer(text):
        found.append(
            Candidate(m.start(), m.end(), "LOGISTICS", "pattern", "movement", composite=True)
        )
        covered.append((m.start(), m.end()))
    for m in tail.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        # Only a movement whose subject, a vehicle, stands earlier in the sentence.
        sentence = re.split(r"[.!?\n]", text[max(0, m.start() - 80) : m.start()])[-1]
        if vehicle.search(sentence):
            found.append(
                Candidate(m.start(), m.end(), "LOGISTICS", "pattern", "movement", composite=True)
            )
    return found
