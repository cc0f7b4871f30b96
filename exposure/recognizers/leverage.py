"""Personal vulnerabilities: debts, gambling, money need, a grudge against the employer."""

from __future__ import annotations

import re
from functools import lru_cache

from exposure.candidates import Candidate

_PHRASES = {
    "nl": [
        r"(?:€\s?\d[\d.,]*|\d[\d.,]*\s*euro)\s+(?:nodig"
        r"|lenen)(?:\s+voor\s+(?:eind\s+van\s+de\s+maand|vrijdag|morgen))?"
        r"|(?:iemand\s+(?:nodig\s+)?die\s+(?:me"
        r"|mij)\s+(?:snel\s+)?(?:€\s?)?\d[\d.,]*\s*(?:euro\s+)?kan\s+lenen)"
        r"|loonbeslag|(?:\d+\s+maanden\s+)?achter\s+met\s+de\s+(?:huur|hypotheek|aflossing)"
        r"|(?:de\s+)?huur\s+niet\s+(?:meer\s+)?(?:kan\s+)?betalen"
        r"|salaris\s+komt\s+(?:weer\s+)?te\s+laat"
        r"|overuren\s+worden\s+niet\s+uitbetaald|(?:ze|jullie|hij"
        r"|zij)\s+kunnen\s+(?:allemaal\s+)?de\s+pot\s+op",
        r"(?:€\s?\d[\d.,]*\s+"
        r"|\d[\d.,]*\s*(?:euro\s+)?)?(?:gok)?schulden(?:\s+tot\s+over\s+(?:mijn|m'n)\s+oren)?"
        r"|(?:€\s?\d[\d.,]*\s+|\d[\d.,]*\s*(?:euro\s+)?)?gokschuld",
        r"diep\s+in\s+de\s+(?:schulden|problemen)|(?:flink\s+|diep\s+)?rood\s+staan"
        r"|sta\s+(?:flink\s+|diep\s+)?rood",
        r"deurwaarder|incassobureau|beslag\s+op\s+(?:mijn\s+)?loon|schuldhulp(?:verlening)?"
        r"|budgetbeheer",
        r"(?:dringend\s+|snel\s+|echt\s+)?geld\s+nodig|snel\s+geld|krap\s+bij\s+kas"
        r"|kan\s+(?:de\s+)?(?:huur|rekeningen)\s+niet\s+(?:meer\s+)?betalen",
        r"gokken|gokverslaving|casino|online\s+casino|wedden|sportweddenschappen"
        r"|bijverdienen\s+(?:gezocht|welkom)|(?:wie\s+)?weet\s+een\s+(?:klusje|bijbaantje)",
        r"klaar\s+met\s+(?:deze|die|dit|dat)\s+(?:tent|bedrijf|zooi|baan|werkgever)"
        r"|(?:net\s+)?ontslagen"
        r"|(?:€\s?\d[\d.,]*|\d[\d.,]*\s*euro)\s+in\s+de\s+min|bkr(?:-registratie|-notering)?"
        r"|achterstand\s+met\s+de\s+(?:huur|hypotheek|energierekening)",
        r"baas\s+kan\s+de\s+pot\s+op|(?:ik\s+)?(?:haat|hekel\s+aan)\s+(?:mijn|m'n|die)\s+(?:baas"
        r"|werkgever|leidinggevende)|klotebedrijf|kutbedrijf"
        r"|(?:wordt|word|worden)\s+(?:hier\s+)?(?:genaaid|uitgebuit|onderbetaald)|onderbetaald",
        # Amounts with a debt, a red balance or a loss; arrears in compounds.
        r"(?:€\s?\d[\d.,]*k?|\d[\d.,]*k?\s*(?:euro|ruggen|rug))\s+(?:\w*schuld(?:en)?|(?:in\s+het\s+)?rood"
        r"|in\s+de\s+min(?:\s+door\s+\w+)?|vergokt|verloren\s+met\s+(?:live\s+)?\w+"
        r"|geleend\s+bij\s+(?:de\s+)?verkeerde\s+mensen)"
        r"|(?:belasting|creditcard|hypotheek|huur|betaal|energie)(?:schuld|achterstand)"
        r"|\w+(?:schuld|achterstand)(?=\s|$)(?<!\bschuld)|aanmaning(?:en)?|gokprobleem|gokverslaving"
        r"|(?:zo\s+|helemaal\s+)?(?:diep\s+(?:in\s+het\s+)?|in\s+het\s+)rood(?=\s|$)|(?:helemaal\s+|echt\s+)?blut"
        r"|vergokt\s+(?:zijn|zn|z'n|mijn|mn|m'n)\s+(?:hele\s+)?(?:loon|salaris|spaargeld)"
        r"|(?:dringend\s+)?(?:een\s+)?lening\s+van\s+(?:€\s?)?\d[\d.,]*(?:\s*euro)?(?:\s+tot\s+\w+)?"
        r"|geld\s+(?:hard|dringend|snel)\s+nodig|(?:moet\s+)?(?:echt\s+)?(?:geld\s+)?bijverdienen"
        r"|(?:moet\s+)?snel\s+geld\s+hebben|huur\s+(?:loopt|staat)\s+(?:\d+\s+maanden\s+)?achter"
        r"|deurwaarder\s+aan\s+de\s+deur|schulden\s+bij\s+een\s+\w+",
        # Grudges against the employer.
        r"(?:helemaal\s+|zo\s+)?klaar\s+met\s+(?:deze|die|dit|dat)\s+\w*(?:tent|bedrijf|zooi|club)"
        r"|spuugzat\s+van\s+(?:dit|die|deze)\s+\w+|bloedhekel\s+aan\s+(?:dit|die|deze)\s+\w+"
        r"|(?:directie|baas|management|die\s+lui)\s+(?:kan|kunnen)\s+(?:de\s+boom\s+in|doodvallen"
        r"|stikken|de\s+pot\s+op)|rotbedrijf|stinkbedrijf|uitbuiters|bedankt\s+voor\s+niks"
        r"|voel\s+me\s+(?:compleet\s+|totaal\s+|echt\s+)?genaaid(?:\s+door\s+(?:de\s+)?\w+)?"
        r"|fuck\s+(?:die|deze|dit)\s+(?:tent|bedrijf|club)|geen\s+(?:enkele\s+)?loyaliteit\s+meer"
        r"|pik\s+dit\s+niet\s+(?:langer|meer)|(?:hoop\s+(?:echt\s+)?dat\s+)?die\s+(?:hele\s+)?tent"
        r"\s+failliet\s+gaat|pak\s+ze\s+nog\s+wel\s+terug|wil\s+ze\s+terugpakken",
    ],
    "en": [
        r"(?:£|€)\s?\d[\d.,]*k?\s+(?:needed|to\s+borrow)|need\s+(?:£"
        r"|€)\s?\d[\d.,]*k?(?:\s+by\s+\w+)?"
        r"|(?:someone|anyone)\s+(?:who\s+)?(?:can|could)\s+lend\s+me\s+(?:£|€)?\s?\d[\d.,]*k?"
        r"|wages?\s+(?:arrested|garnished)|(?:\d+\s+months\s+)?behind\s+(?:on"
        r"|with)\s+the\s+(?:rent|mortgage)"
        r"|pay\s+is\s+late\s+again|overtime\s+(?:isn't|is\s+not|never)\s+paid|(?:they"
        r"|management)\s+can\s+(?:all\s+)?get\s+stuffed",
        r"(?:£\s?\d[\d.,]*k?\s+|€\s?\d[\d.,]*k?\s+)?(?:gambling\s+)?debts?|in\s+debt"
        r"|up\s+to\s+my\s+neck\s+in\s+debt",
        r"bailiffs?|debt\s+collectors?|loan\s+sharks?|payday\s+loans?|behind\s+on\s+(?:the\s+"
        r"|my\s+)?(?:rent|mortgage|bills)|can'?t\s+pay\s+(?:the\s+|my\s+)?(?:rent|bills)",
        r"(?:really\s+|urgently\s+|desperately\s+)?need\s+(?:cash|money)(?:\s+fast|\s+quickly"
        r"|\s+asap)?|need\s+(?:some\s+)?quick\s+cash|skint|broke\s+again",
        r"gambling|betting|bookies?|online\s+casino|casino|any\s+side\s+jobs?",
        r"(?:so\s+|really\s+)?(?:done|finished|sick)\s+(?:with|of)\s+(?:this|that)\s+(?:company"
        r"|place|job|firm|lot)|(?:just\s+)?(?:got\s+)?laid\s+off|(?:got\s+)?(?:fired|sacked)"
        r"|(?:£\s?\d[\d.,]*k?|€\s?\d[\d.,]*k?)\s+overdrawn|overdrawn|\bccj\b|in\s+arrears",
        r"(?:i\s+)?(?:hate|can'?t\s+stand)\s+(?:my|this)\s+(?:boss|job|employer|company)"
        r"|underpaid|screwed\s+over\s+by\s+(?:my\s+)?(?:boss|employer|management)",
        r"(?:(?:£|€)\s?\d[\d.,]*k?|\d[\d.,]*k|\d+\s+grand)\s+(?:in\s+debt|overdrawn|in\s+the\s+red)"
        r"|(?:lost|down)\s+(?:(?:£|€)\s?)?\d[\d.,]*k?(?:\s+grand)?\s+on\s+(?:the\s+)?(?:live\s+)?\w+"
        r"|owe\s+(?:the\s+bank|a\s+guy|someone|them)\s+(?:(?:£|€)\s?)?\d[\d.,]*k?(?:\s+grand)?"
        r"|drowning\s+in\s+debt|bills\s+are\s+piling\s+up|(?:mortgage|rent)\s+arrears"
        r"|rent\s+is\s+(?:\w+\s+)?(?:months?|weeks?)\s+overdue|credit\s+cards?\s+maxed\s+out"
        r"|behind\s+on\s+(?:the\s+|my\s+)?(?:car\s+payments|everything|payments)"
        r"|need\s+(?:(?:£|€)\s?)?\d[\d.,]*k?(?:\s+grand)?\s+(?:by|before)\s+(?:the\s+)?(?:end\s+of"
        r"\s+the\s+month|weekend|friday|monday|\w+day)|need\s+cash\s+(?:quick|fast|asap)"
        r"|(?:really\s+)?skint|hooked\s+on\s+the\s+(?:slots|betting\s+apps?)"
        r"|relapsed\s+on\s+the\s+betting\s+apps?|(?:\w+\s+)?payday\s+loans?",
        r"(?:so\s+|really\s+)?(?:sick\s+to\s+death|fed\s+up)\s+(?:of|with)\s+(?:this|that)\s+(?:company"
        r"|place|job|firm|lot)|done\s+being\s+loyal|management\s+will\s+pay\s+for\s+this",
    ],
}
# Debts of a club, a council or a company in the news are not a person's weakness.
_NOT_PERSONAL = re.compile(
    r"\b(?:club|clubs|voetbalclub|vereniging|gemeente|overheid|de\s+staat|land|griekenland|council"
    r"|government|country|nhs|fc|bedrijf\s+heeft|company's|firm's|nieuws|news)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=2)
def _regex(lang: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + "|".join(_PHRASES[lang]) + r")(?![\w])", re.IGNORECASE)


# "zo klaar mee" is a grudge only when the post is about work.
_FED_UP = {
    "nl": re.compile(r"(?<![\w])(?:zo\s+|helemaal\s+)?klaar\s+mee(?![\w])", re.IGNORECASE),
    "en": re.compile(
        r"(?<![\w])(?:so\s+)?(?:done|fed\s+up)\s+with\s+(?:it|this)(?![\w])", re.IGNORECASE
    ),
}
_WORK = re.compile(
    r"\b(?:baas|werk|bedrijf|tent|planner|planning|leiding|ploegleider|manager|rooster|dienst"
    r"|collega|"
    r"boss|work|job|company|management|shift|rota|supervisor)\w*",
    re.IGNORECASE,
)
# Someone else's dismissal is not the writer's weakness: it counts only with "I".
_FIRST_PERSON = re.compile(r"\b(?:ik|me|mij|i|i'm|im|i've|me)\b", re.IGNORECASE)


def find(text: str, lang: str) -> list[Candidate]:
    found = []
    for m in _regex(lang).finditer(text):
        window = text[max(0, m.start() - 40) : m.end() + 20]
        if _NOT_PERSONAL.search(window):
            continue
        if re.match(
            r"(?:net\s+|just\s+|got\s+)*(?:ontslagen|laid\s+off|fired|sacked)", m.group(0), re.I
        ):
            before = re.split(r"[.!?\n]", text[max(0, m.start() - 40) : m.start()])[-1]
            if before.strip() and not _FIRST_PERSON.search(before):
                continue
        found.append(Candidate(m.start(), m.end(), "LEVERAGE", "pattern", "default"))
    for m in _FED_UP[lang].finditer(text):
        if _WORK.search(text):
            found.append(Candidate(m.start(), m.end(), "LEVERAGE", "pattern", "default"))
    return found
