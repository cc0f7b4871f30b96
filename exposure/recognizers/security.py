"""Security measures together with their weakness, as one span.

"de camera bij poort 3 doet het al weken niet" and "no guard after 22:00" are one
finding each: the measure alone is a SECURITY lexicon term, but the measure with
its weakness is what tells an outsider where and when to go.
"""

from __future__ import annotations

import re
from functools import lru_cache

from exposure.candidates import Candidate
from exposure.recognizers.timex import CLOCK

MEASURES = {
    "nl": (
        r"(?:bewakings|beveiligings|toegangs|nacht|infrarood)?camera(?:'s|s)?|cctv|slagbo(?:o"
        r"|m)m(?:en)?"
        r"|(?:buiten|achter|zij|nood)?hek(?:ken)?|(?:rol|draai|zij|achter|nood)?(?:poort"
        r"|deur)(?:en)?|draaihek|tourniquet"
        r"|(?:inbraak|brand)?alarm(?:systeem|installatie)?|sensor(?:en)?|detectie(?:poortje)?"
        r"|(?:toegangs)?controle|beveiliging|bewaking"
        r"|bewaker(?:s)?|portier(?:s)?|nachtwaker|ronde|surveillance|verlichting|lampen"
        r"|slot(?:en)?|hekwerk|kaartlezer|pasjeslezer"
        r"|(?:zij|achter|hoofd|nood|personeels)?ingang|(?:zij|achter|nood|branddeur)?uitgang"
    ),
    "en": (
        r"(?:security\s+|cctv\s+)?cameras?|cctv|barriers?|fences?|(?:back|side|rear"
        r"|main)\s+gates?|gates?|(?:fire\s+)?doors?|turnstiles?"
        r"|(?:intruder\s+|burglar\s+)?alarms?|sensors?|security|guards?|patrols?|floodlights?"
        r"|lights|locks?|card\s+readers?|badge\s+readers?"
        r"|(?:side|back|rear|main|staff|contractor)\s+entrance|(?:fire\s+)?exits?|(?:side|back"
        r"|rear|front|fire)\s+doors?"
        r"|(?:thermal\s+)?cameras?"
    ),
}
WEAKNESSES = {
    "nl": (
        r"(?:sta(?:at|an)|is|zijn|gaa?t|gaan|zit(?:ten)?|hang(?:t|en)|lig(?:t"
        r"|gen))\s+(?:[^\s.!?;,]+\s+){0,4}?"
        r"(?:open(?:\s+zonder\s+(?:pas|pasje|badge))?|uit|kapot|stuk|defect|nep|uitgeschakeld"
        r"|uitgezet|scheef|niet\s+op\s+slot|plat|eruit)(?:\s+(?:was|waren|geweest|gezet))?"
        r"|(?:al\s+\w+\s+)?kapot\s+(?:was|waren|is)"
        r"|gaat\s+(?:steeds|vaak|constant|elke\s+nacht)\s+af|(?:om\s+de\s+haverklap|steeds"
        r"|constant)\s+afgaat"
        r"|filmt\s+(?:al\s+\w+\s+)?de\s+lucht"
        r"|doe[nt]\s+het\s+(?:[^\s.!?;,]+\s+){0,3}?niet"
        r"|(?:is|zijn)\s+(?:al\s+\w+\s+|nog\s+steeds\s+|weer\s+)?(?:kapot|stuk|defect|uit"
        r"|uitgevallen|offline)"
        r"|werk(?:t|en)\s+(?:al\s+\w+\s+|nog\s+steeds\s+)?niet|sta(?:at|an)\s+(?:al\s+\w+\s+"
        r"|nog\s+steeds\s+)?(?:altijd\s+|vaak\s+|gewoon\s+|de\s+hele\s+(?:dag|nacht)\s+"
        r"|'s\s+nachts\s+)?(?:open|uit)"
        r"|gaa?(?:t|n)\s+(?:nooit\s+|niet\s+)(?:dicht|af|op\s+slot)|zit(?:ten)?\s+(?:niet"
        r"|nooit)\s+op\s+slot|(?:is|zijn)\s+(?:niet|nooit)\s+op\s+slot"
        r"|valt\s+(?:steeds|vaak|constant)\s+uit|kapot|stuk|defect|buiten\s+werking|onbemand"
        r"|niet\s+bemand|wordt\s+(?:niet|nooit)\s+gecontroleerd"
        r"|(?:kijkt|checkt|controleert)\s+(?:niemand|nooit\s+iemand)"
    ),
    "en": (
        r"(?:is|are|was|were|has\s+been|have\s+been|stays?|gets?\s+left)\s+(?:[^\s.!?;,]+\s+){0,3}?"
        r"(?:open|off|broken|down|fake|disabled|switched\s+off|unlocked|unplugged)(?:\s+(?:again"
        r"|for\s+(?:weeks|months|days|ages)))?"
        r"|opens?\s+without\s+a\s+(?:pass|badge|card)|keeps?\s+going\s+off"
        r"|goes\s+off\s+all\s+the\s+time"
        r"|(?:has\s+been\s+|is\s+|been\s+)?filming\s+the\s+sky(?:\s+for\s+(?:weeks|months|days))?"
        r"|(?:has|have)\s+been\s+(?:broken|down|off|out|dead)(?:\s+for\s+(?:weeks|months|days"
        r"|ages))?|(?:is|are)\s+(?:still\s+|always\s+|often\s+)?(?:broken|down|off"
        r"|out\s+of\s+order|dead|left\s+open|open|unlocked|unmanned|unguarded)"
        r"|(?:does|do)\s*n[o']t\s+work|(?:is|are)\s*n[o']t\s+working|never\s+works|(?:is"
        r"|are)\s+never\s+(?:locked|checked|closed)|broken|unmanned|unguarded|out\s+of\s+order"
        r"|(?:nobody|no\s+one)\s+checks"
    ),
}
_WHEN_ABSENT = {
    "nl": rf"(?:(?:meer\s+)?(?:na|voor|vanaf|om|tussen)\s+(?:{CLOCK})(?:\s+(?:en"
    rf"|tot)\s+(?:{CLOCK}))?|in\s+het\s+weekend|'s\s+nachts|'s\s+avonds|op\s+zondag"
    rf"|tijdens\s+de\s+nacht)",
    "en": rf"(?:(?:after|before|from|at)\s+(?:{CLOCK})|between\s+(?:{CLOCK})\s+and\s+(?:{CLOCK})"
    rf"|at\s+night|at\s+weekends|on\s+weekends|over\s+the\s+weekend|overnight|on\s+sundays)",
}
# "no guard after 22:00", "geen bewaking na 22:00", "geen camera's bij de achteringang"
_WHERE_ABSENT = {
    "nl": r"(?:\s+(?:bij|op|aan|in)\s+(?:de|het)\s+[\w-]+(?:\s+van\s+(?:de|het)\s+[\w-]+)?)?",
    "en": r"(?:\s+(?:on|at|by|near|in)\s+the\s+(?:[\w-]+\s+)?[\w-]+(?:\s+of\s+the\s+[\w-]+)?)?",
}
_ABSENT = {
    "nl": rf"geen\s+(?:nacht)?(?:bewaking|bewaker|beveiliging|beveiliger|portier|camera'?s?"
    rf"|toezicht|controle|nachtwaker"
    rf"|surveillance)(?:\s+meer)?{_WHERE_ABSENT['nl']}(?:\s+(?:{_WHEN_ABSENT['nl']}))?"
    r"|(?:kun|kan|kunnen)\s+(?:je|iedereen|ze|men)\s+(?:zo|gewoon"
    r"|zomaar)\s+(?:naar\s+)?(?:binnen(?:lopen|rijden)?|doorlopen|doorrijden)"
    r"|(?:loop|rij)\s+je\s+(?:zo|gewoon)\s+(?:naar\s+)?binnen"
    r"|(?:beveiliging|bewaking|bewaker|portier|nachtwaker)\s+(?:zit|ligt"
    r"|is)\s+(?:'s\s+nachts\s+)?(?:gewoon\s+|altijd\s+)?te\s+slapen"
    r"|gat\s+in\s+het\s+(?:hek|hekwerk)(?:\s+(?:langs|bij|achter)\s+(?:de|het)\s+[\w-]+)?"
    r"|niemand\s+(?:die\s+)?(?:de\s+|het\s+)?[\w']+\s+(?:controleert|checkt|bewaakt)"
    r"|(?:'s\s+nachts\s+)?maar\s+(?:één|1|een)\s+(?:man|bewaker|beveiliger"
    r"|portier)(?:\s+(?:op\s+het\s+terrein|'s\s+nachts))?",
    "en": rf"no\s+(?:night\s+)?(?:guards?|security|cameras?|cctv|patrols?|checks?"
    rf"|night\s?watchman){_WHERE_ABSENT['en']}(?:\s+(?:{_WHEN_ABSENT['en']}))?"
    r"|(?:you|anyone|anybody)\s+can\s+(?:just\s+)?(?:walk|drive|get"
    r"|stroll)\s+(?:straight\s+)?(?:in|through|onto\s+the\s+site)"
    r"|(?:security|the\s+guards?|the\s+night\s+watchman)\s+(?:is|are)\s+(?:always\s+)?(?:asleep"
    r"|sleeping)"
    r"|hole\s+in\s+the\s+(?:fence|fencing)(?:\s+(?:along|by|behind|near)\s+the\s+[\w-]+)?"
    r"|(?:nobody|no\s+one)\s+(?:ever\s+)?checks\s+(?:the\s+)?\w+|only\s+(?:one|1)\s+(?:guard|man"
    r"|guy|security\s+guard)(?:\s+on)?(?:\s+(?:at\s+night|on\s+site|overnight))?",
}
_AGAIN = {
    "nl": r"(?:weer|alweer|al\s+weken|al\s+maanden|sinds\s+(?:gisteren|vorige\s+week|\w+dag))",
    "en": r"(?:again|for\s+(?:a|one|two|three|four|\d+|a\s+few|several)?\s*(?:weeks?|months?"
    r"|days?|ages)|since\s+(?:yesterday|last\s+week|\w+day))",
}
MAX_GAP_WORDS = 8


@lru_cache(maxsize=2)
def _regex(lang: str) -> re.Pattern[str]:
    gap = rf"(?:\s+[^\s.!?;]+){{0,{MAX_GAP_WORDS}}}?"
    return re.compile(
        rf"(?<![\w])(?:(?:{MEASURES[lang]}){gap}\s+(?:{WEAKNESSES[lang]})(?:\s+{_AGAIN[lang]})?"
        rf"|{_ABSENT[lang]})(?![\w])",
        re.IGNORECASE,
    )


# A gate or door of a school, farm or castle being open says nothing about a workplace.
_INNOCENT_PLACES = re.compile(
    r"\b(?:kinderboerderij|school|schoolplein|kasteel|dierentuin|speeltuin|festival|camping|kerk"
    r"|museum"
    r"|pretpark|zwembad|stadion|farm|petting\s+zoo|zoo|castle|playground|church|stadium|campsite"
    r"|swimming\s+pool|theme\s+park|garden|tuin|voordeur\s+thuis|my\s+house|ons\s+huis)\b",
    re.IGNORECASE,
)


def find(text: str, lang: str) -> list[Candidate]:
    found = []
    for m in _regex(lang).finditer(text):
        if _INNOCENT_PLACES.search(text[max(0, m.start() - 30) : m.end() + 30]):
            continue
        found.append(
            Candidate(m.start(), m.end(), "SECURITY", "pattern", "weakness", composite=True)
        )
    return found


# Annotators and readers take the whole clause after a measure as its weakness:
# "slagboom bij laadstraat 3 gaat open als je er hard tegenaan duwt". A measure
# whose clause holds a weakness cue therefore runs on to the end of that clause.
_CLAUSE_END = re.compile(
    r"[.!?;:,()\n]|[^\w\s'’\-/€#@&+%]|\s(?:en|maar|dus|want|lol|haha|volgens|denk\s+ik|door\s+de|and|but|so|because|cos"
    r"|i\s+think|apparently)\b",
    re.IGNORECASE,
)
_CUES = {
    "nl": re.compile(
        r"\b(?:niet|geen|nooit|kapot|stuk|uit|dood|open\w*|defect|los|gat|alleen|slaap\w*"
        r"|slapen|onbemand|verkeerde?|sneeuw|nep|storing|stil|weg|door|lek|scheef|plat"
        r"|uitgevallen|opengeknipt|eruit)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:not|never|no|\w+n[’']t|broken|down|off|dead|open\w*|only|hole|asleep|sleep\w*"
        r"|wrong|fake|unlocked|disabled|without|unmanned|unguarded|out|useless|fault\w*)\b",
        re.IGNORECASE,
    ),
}
MAX_CLAUSE_WORDS = 14
_INNOCENT_PREFIX = re.compile(
    r"(?:school|kasteel|kerk|tuin|camping|festival|speeltuin|dierentuin|stadion|zwembad|museum"
    r"|voor(?:deur|poort)|garage|garden|castle|church|stadium)",
    re.IGNORECASE,
)


# Dutch glues a measure into compounds (kentekencamera, hangslot, portiersloge).
_COMPOUND_MEASURES = {
    "nl": r"(?:[\w]+-)?\w*(?:camera(?:'s|s)?|cctv|slagbo+m(?:en)?|hek(?:ken|werk)?|poort(?:en)?"
    r"|deur(?:en)?|alarm\w*|sensor(?:en)?|detectie|controle|beveiliging|bewaking\w*|bewaker(?:s)?"
    r"|portier\w*|nachtwaker|surveillance|verlichting|slot(?:en)?|lezers?|melders?|sluis)",
    "en": MEASURES["en"],
}


@lru_cache(maxsize=2)
def _measure_regex(lang: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{_COMPOUND_MEASURES[lang]})(?![\w])", re.IGNORECASE)


def find_clauses(text: str, lang: str) -> list[Candidate]:
    found = []
    for m in _measure_regex(lang).finditer(text):
        stop = _CLAUSE_END.search(text, m.end())
        end = stop.start() if stop else len(text)
        rest = text[m.end() : end]
        words = rest.split()
        if not words or len(words) > MAX_CLAUSE_WORDS or not _CUES[lang].search(rest):
            continue
        clause_end = m.end() + len(rest.rstrip())
        # "schoolpoort": the innocent place may be glued into the measure itself.
        context = text[max(0, m.start() - 30) : clause_end + 30]
        if _INNOCENT_PLACES.search(context) or _INNOCENT_PREFIX.match(m.group(0)):
            continue
        found.append(
            Candidate(m.start(), clause_end, "SECURITY", "pattern", "weakness", composite=True)
        )
    return found
