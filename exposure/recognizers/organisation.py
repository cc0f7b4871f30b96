"""Organisation names by their shape: capitalised words ending in a trade word.

"Hunze Transport", "Wadden Tank Terminal", "Eemsdelta Chloor B.V.", "#WaddenTerminals":
firms on a port estate are named after a place or family plus what they do, so
a name is recognised by that last word (or a legal suffix) without listing every firm.
"""

from __future__ import annotations

import re

from exposure.candidates import Candidate

# A firm's name is composite: it wins over the place or substance inside it
# ("Oosterhorn" in "Oosterhorn Kunststoffen", "Chloor" in "Eemsdelta Chloor").

TRADE_WORDS = (
    "Transport|Transporten|Logistics|Logistiek|Terminals?|Tankopslag|Tankstorage|Storage|Opslag|"
    "Chemie|Chemicals?|Chemical|Chloor|Gas|Gases|Industrial\\s+Gases|Shipping|Security|Beveiliging|"
    "Bunkering|Energie|Energy|Polymers|Coatings|Salt|Saltworks|Salt\\s+Works|Zout|Staal|Steel"
    "|Recycling|"
    "Services|Industrial\\s+Services|Pharma|Metals|Plastics|Kunststoffen|Fertilizers|Solutions|"
    "Engineering|Techniek|Onderhoud|Maintenance|Stevedoring|Stuwadoors|Offshore|Marine|Towage|"
    "Expeditie|Forwarding|Warehousing|Distribution|Distributie|Bulk|Bulk\\s+Terminal|Tankers|"
    "Wegtransport|Containers|Port\\s+Services|Seaports|Industries|Industrie|Group|Groep|Holding|"
    "Uitzendbureau|Uitzendgroep|Staffing|Rederij|Havendienst|Sleepdienst|Tank\\s+Terminal"
)
LEGAL = r"B\.V\.|BV|N\.V\.|NV|Ltd\.?|Limited|GmbH|plc"
# Capitalised words that start sentences or phrases but never a firm's name.
_NOT_A_NAME = {
    "de",
    "het",
    "een",
    "the",
    "a",
    "an",
    "bij",
    "van",
    "met",
    "naar",
    "voor",
    "onze",
    "ons",
    "mijn",
    "my",
    "our",
    "nieuwe",
    "new",
    "at",
    "for",
    "with",
    "to",
    "from",
    "in",
    "op",
    "wij",
    "we",
    "ik",
    "i",
    "en",
    "and",
    "geen",
    "no",
    "elke",
    "every",
    "als",
    "as",
    "weer",
    "again",
    "team",
    "dit",
    "this",
    "bedankt",
    "thanks",
    "glad",
    "blij",
    "happy",
    "nice",
    "mooi",
    "dank",
    "welkom",
    "welcome",
    "trots",
    "proud",
    "gefeliciteerd",
    "congrats",
    "hoi",
    "hi",
    "hey",
    "hallo",
    "vandaag",
    "today",
    "gisteren",
    "yesterday",
    "morgen",
    "tomorrow",
    "ook",
    "also",
    "maar",
    "but",
    "dus",
    "so",
    "want",
    "lol",
    "haha",
    "werk",
    "work",
    "working",
    "werken",
    "via",
    "namens",
    "shoutout",
    "shout",
    "love",
    "great",
    "super",
    "top",
    "dankzij",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "oud",
    "former",
    "ex",
    "senior",
    "junior",
    "head",
    "hoofd",
    "lead",
    "chief",
    "interim",
    "medior",
}
# A trade word followed by one of these is a job title: "Logistics Planner".
_TITLE_WORDS = re.compile(
    r"\s+(?:planner|coordinator|coördinator|manager|medewerker|operator|officer|adviseur|advisor"
    r"|specialist|engineer|analist|analyst|supervisor|director|directeur|assistant)\b",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-Z][\w&'’-]*"
_NAME = re.compile(
    rf"(?<![\w@#])((?:{_NAME_WORD}\s+){{1,3}}?)(?:(?:{TRADE_WORDS})(?:\s+(?:{TRADE_WORDS}))*(?:\s+(?:{LEGAL}))?|(?:{LEGAL}))(?![\w])"
)
_LOWER_WITH_LEGAL = re.compile(r"(?<![\w@#])(?:[a-z][\w&'-]*\s+){1,3}(?:b\.v\.|bv)(?![\w])")
_GLUED_TRADE_WORDS = TRADE_WORDS.replace("\\s+", "")
_HASHTAG = re.compile(rf"[#@](?:Team)?[A-Z]\w*?(?:{_GLUED_TRADE_WORDS})\w*(?![\w])")


def find(text: str) -> list[Candidate]:
    found = []
    for m in _NAME.finditer(text):
        words = m.group(1).split()
        # Drop leading words that only start a sentence ("Bij Hunze Transport").
        start = m.start()
        while words and words[0].lower() in _NOT_A_NAME:
            start = text.index(words[0], start) + len(words[0])
            while start < len(text) and text[start].isspace():
                start += 1
            words = words[1:]
        if not words or _TITLE_WORDS.match(text, m.end()):
            continue
        found.append(Candidate(start, m.end(), "ORG", "pattern", "default", composite=True))
    for m in _LOWER_WITH_LEGAL.finditer(text):
        found.append(Candidate(m.start(), m.end(), "ORG", "pattern", "default", composite=True))
    for m in _HASHTAG.finditer(text):
        found.append(Candidate(m.start(), m.end(), "ORG", "pattern", "default", composite=True))
    return found
