"""The scanner's spaCy components, registered with Language.factory.

Importing this module (exposure.pipeline does) registers them, after which a
saved pipeline under data/model/<lang> loads with spacy.load.
"""

from __future__ import annotations

from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from exposure.candidates import Candidate, add_candidates, register_extensions
from exposure.profile import CompanyProfile
from exposure.recognizers import (
    access_codes,
    find_identifiers,
    goods_quantities,
    leverage,
    lexicon,
    logistics,
    organisation,
    person_name,
    schedule,
    security,
)
from exposure.recognizers.company_profile import ProfileRecognizer
from exposure.resolve import resolve

# Values of the ENT_IOB attribute: 1 = inside, 3 = beginning of an entity.
IOB_INSIDE, IOB_BEGIN = 1, 3

register_extensions()
if not Doc.has_extension("exposure_allowed"):
    Doc.set_extension("exposure_allowed", default=None)


def _text(doc: Doc) -> str:
    """doc.text, built once per Doc: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get("exposure_text")
    if text is None:
        text = doc.user_data["exposure_text"] = doc.text
    return text


def _lang(nlp: Language) -> str:
    return nlp.lang if nlp.lang in ("nl", "en") else "nl"


class ProfileComponent:
    """Company-profile terms; the Scanner sets the profile once, before first use."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.recognizer = ProfileRecognizer(None)

    def set_profile(self, profile: CompanyProfile | None) -> None:
        self.recognizer = ProfileRecognizer(profile)

    @property
    def substances(self) -> tuple[str, ...]:
        profile = self.recognizer.profile
        return tuple(profile.substances) if profile else ()

    def __call__(self, doc: Doc) -> Doc:
        add_candidates(doc, self.recognizer.find(_text(doc)))
        doc._.exposure_allowed = self.recognizer.allowed_ranges(_text(doc))
        return doc


class IdentifierComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        add_candidates(doc, find_identifiers(_text(doc)))
        return doc


class LexiconComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lang = _lang(nlp)
        lexicon.lexicons_for(self.lang)  # load now, so a broken data file fails at load time

    def __call__(self, doc: Doc) -> Doc:
        add_candidates(doc, lexicon.find(_text(doc), self.lang))
        return doc


class PatternComponent:
    """Multi-word phrases: security weaknesses, schedules, logistics, leverage, codes, goods."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lang = _lang(nlp)
        self.nlp = nlp
        goods = next((lx for lx in lexicon.lexicons_for(self.lang) if lx.label == "GOODS"), None)
        self.base_substances = tuple(goods.terms + goods.quantity_terms) if goods else ()

    def _profile_substances(self) -> tuple[str, ...]:
        if "exposure_profile" in self.nlp.component_names:
            return self.nlp.get_pipe("exposure_profile").substances
        return ()

    def __call__(self, doc: Doc) -> Doc:
        text, lang = _text(doc), self.lang
        substances = self.base_substances + self._profile_substances()
        found: list[Candidate] = []
        found += security.find(text, lang)
        found += security.find_clauses(text, lang)
        found += schedule.find(text, lang)
        found += logistics.find(text, lang)
        found += leverage.find(text, lang)
        found += access_codes.find(text, lang)
        found += goods_quantities.find(text, lang, substances)
        found += organisation.find(text)
        found += person_name.find(text)
        add_candidates(doc, found)
        return doc


def _ner_candidates(doc: Doc) -> list[Candidate]:
    """The NER's entities, read from the token arrays (much cheaper than doc.ents)."""
    found = []
    begin = end = label = None
    strings = doc.vocab.strings
    for iob, ent_type, idx, length in doc.to_array([ENT_IOB, ENT_TYPE, IDX, LENGTH]).tolist():
        if begin is not None and iob != IOB_INSIDE:
            found.append(Candidate(begin, end, label, "ner"))
            begin = None
        if iob == IOB_BEGIN:
            begin, label = idx, strings[ent_type]
        if begin is not None:
            end = idx + length
    if begin is not None:
        found.append(Candidate(begin, end, label, "ner"))
    return found


class ResolverComponent:
    """Merge rule candidates and NER entities into non-overlapping findings."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        rules = doc._.exposure_candidates or []
        ner = _ner_candidates(doc) if doc.has_annotation("ENT_IOB") else []
        findings = resolve(rules, ner, doc._.exposure_allowed or (), _text(doc))
        doc._.exposure_findings = findings
        spans = []
        for f in findings:
            span = doc.char_span(f.start, f.end, label=f.label, alignment_mode="contract")
            if span is not None and len(span) and (not spans or span.start >= spans[-1].end):
                spans.append(span)
        doc.ents = spans
        return doc


@Language.factory("exposure_profile")
def make_profile(nlp: Language, name: str) -> ProfileComponent:
    return ProfileComponent(nlp, name)


@Language.factory("exposure_identifiers")
def make_identifiers(nlp: Language, name: str) -> IdentifierComponent:
    return IdentifierComponent(nlp, name)


@Language.factory("exposure_lexicons")
def make_lexicons(nlp: Language, name: str) -> LexiconComponent:
    return LexiconComponent(nlp, name)


@Language.factory("exposure_patterns")
def make_patterns(nlp: Language, name: str) -> PatternComponent:
    return PatternComponent(nlp, name)


@Language.factory("exposure_resolver")
def make_resolver(nlp: Language, name: str) -> ResolverComponent:
    return ResolverComponent(nlp, name)
