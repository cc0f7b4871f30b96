"""Span resolution: many overlapping candidates in, non-overlapping findings out.

Order of preference (DESIGN.md, "Where two labels could fit"):
1. a composite span (measure + weakness, vehicle + movement + time, quantity +
   substance, credential + value) wins over every span it overlaps, so the time
   of a tanker stays LOGISTICS and a broken camera at gate 3 stays one SECURITY span;
2. then the company profile, then validated identifiers;
3. then the trained NER's span for the labels in data/scanner/ner_checks.yaml's
   preferred_labels: on held-out hand-written posts its extent of a role, site,
   schedule, shipment or credential is more often right than the rules';
4. then phrase patterns, then lexicon terms, longer spans before shorter ones;
5. last, NER spans of the other standalone_labels, only where nothing else fired.
Anything inside a phrase on the profile's allow_list is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from exposure.candidates import SOURCE_CONFIDENCE, SOURCE_RANK, Candidate, Resolved

NER_CHECKS_PATH = Path(__file__).resolve().parent.parent / "data" / "scanner" / "ner_checks.yaml"
# Spans start with a letter, digit, # @ € or £, and end with a letter or digit or
# an abbreviation's full stop ("B.V.").
_EDGE = re.compile(r"^[\w#@€£].*(?:\w|\b\w\.)$|^\w$", re.DOTALL)


_SETTINGS_KEYS = frozenset({"standalone_labels", "preferred_labels", "max_words"})


@lru_cache(maxsize=1)
def _ner_config() -> tuple[dict[str, re.Pattern[str]], frozenset[str] | None, frozenset[str]]:
    data = _ner_data()
    standalone = data.get("standalone_labels")
    preferred = frozenset(data.get("preferred_labels") or ())
    checks = {
        label: re.compile(pattern, re.IGNORECASE)
        for label, pattern in data.items()
        if label not in _SETTINGS_KEYS
    }
    return checks, frozenset(standalone) if standalone is not None else None, preferred


@lru_cache(maxsize=1)
def _ner_data() -> dict:
    return yaml.safe_load(NER_CHECKS_PATH.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=1)
def _max_words() -> dict[str, int]:
    return {label: int(n) for label, n in (_ner_data().get("max_words") or {}).items()}


def _ner_checks() -> dict[str, re.Pattern[str]]:
    return _ner_config()[0]


def ner_may_add(label: str) -> bool:
    """Whether the NER may report this label where no rule fired (ner_checks.yaml)."""
    standalone = _ner_config()[1]
    return standalone is None or label in standalone


_SYMBOL = re.compile(r"[^\w\s.,:;'’\-/€£#@&()+%]")
# Longest NER span, in words, for labels without their own limit in ner_checks.yaml.
MAX_NER_WORDS = 6
# Words a span never starts or ends with (annotation guideline G2): a model span
# that does has run on into the sentence ("donderdag komt er een").
_EDGE_WORDS = frozenset(
    "de het een en of er om op in aan bij van te is zijn was met voor naar die dat dit deze "
    "ik we wij je jij ze hij zij the a an and or of to at on in is are was with for by it "
    "this that i you he she they".split()
)


def plausible_ner(text: str, label: str) -> bool:
    """Whether an NER span looks like its label at all (see ner_checks.yaml)."""
    if not _EDGE.match(text):
        return False
    words = text.lower().split()
    if words[0] in _EDGE_WORDS or words[-1] in _EDGE_WORDS:
        return False
    # Emoji and other symbols never sit inside a detail; long model spans have run on.
    if _SYMBOL.search(text) or len(words) > _max_words().get(label, MAX_NER_WORDS):
        return False
    # "alert(1" in pasted markup: a detail never leaves a bracket open.
    if text.count("(") != text.count(")"):
        return False
    check = _ner_checks().get(label)
    return check is None or bool(check.search(text))


_MARKUP_NEIGHBOURS = frozenset("<>=/\\{}[]")


def _inside_markup(text: str, c: Candidate) -> bool:
    """Whether a model span touches tag or attribute syntax ("src=x", "<b>")."""
    before = text[c.start - 1] if c.start > 0 else " "
    after = text[c.end] if c.end < len(text) else " "
    return before in _MARKUP_NEIGHBOURS or after in _MARKUP_NEIGHBOURS


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def resolve(
    rule_candidates: Iterable[Candidate],
    ner_candidates: Iterable[Candidate] = (),
    allowed: Sequence[tuple[int, int]] = (),
    text: str | None = None,
) -> list[Resolved]:
    def is_allowed(c: Candidate) -> bool:
        return any(s <= c.start and c.end <= e for s, e in allowed)

    ner = [c for c in ner_candidates if c.end > c.start and not is_allowed(c)]
    if text is not None:
        ner = [
            c
            for c in ner
            if plausible_ner(text[c.start : c.end], c.label) and not _inside_markup(text, c)
        ]
    preferred = _ner_config()[2]
    # For the preferred labels the model's span beats every rule span it overlaps,
    # except a composite rule span, a company-profile term or a validated identifier.
    leading = [c for c in ner if c.label in preferred]
    ner = [c for c in ner if c.label not in preferred]

    rules = [c for c in rule_candidates if c.end > c.start and not is_allowed(c)]
    rules.extend(leading)

    def rank(c: Candidate) -> tuple[int, int, int, int]:
        if c.composite:
            tier = 3
        elif c.source in ("profile", "identifier"):
            tier = 2
        elif c.source == "ner":
            tier = 1
        else:
            tier = 0
        return (-tier, -SOURCE_RANK[c.source], -c.length, c.start)

    rules.sort(key=rank)
    chosen: list[Candidate] = []
    for cand in rules:
        if not any(_overlaps(cand, kept) for kept in chosen):
            chosen.append(cand)

    ner.sort(key=lambda c: (-c.length, c.start))
    for cand in ner:
        # The NER fills gaps only: where a rule fired, the rule's span and label stand.
        if ner_may_add(cand.label) and not any(_overlaps(cand, kept) for kept in chosen):
            chosen.append(cand)

    # Weak rule spans (a town or estate name on its own) count only in a post
    # that reveals something else as well: "dyke near Eemshaven" is a day out.
    if chosen and all(c.weak for c in chosen):
        chosen = []

    chosen.sort(key=lambda c: (c.start, c.end))
    return [
        Resolved(c.start, c.end, c.label, c.source, c.kind, SOURCE_CONFIDENCE[c.source])
        for c in chosen
    ]
