"""Lexicon matching per label and language, from data/lexicons/<lang>/<LABEL>.yaml.

A lexicon file holds:
- terms: words or phrases, matched case-insensitively as whole words, with an
  optional leading "#" (hashtags are text like any other);
- compound_modifiers / compound_heads: Dutch compounds are matched as
  modifier + head in one word ("toegangs" + "pas" -> toegangspas), so new
  compounds are caught without listing each one;
- patterns: regular expressions for numbered places and similar ("poort \\d+");
- exclude: words or phrases that are never reported (schoolpoort, night sky);
- negative_context: words that, within a few words of a match, make it innocent
  (a gate near "school", a badge near "festival").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from exposure.candidates import Candidate

LEXICON_DIR = Path(__file__).resolve().parents[2] / "data" / "lexicons"
CONTEXT_WINDOW = 40  # characters either side of a match searched for negative context
_SUFFIXES = r"(?:'s|’s|s|en|es|e|sen|je|jes|tje|tjes)?"
_WORD_CHARS = r"\w"


@dataclass
class Lexicon:
    label: str
    lang: str
    terms: list[str] = field(default_factory=list)
    compound_modifiers: list[str] = field(default_factory=list)
    compound_heads: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    negative_context: list[str] = field(default_factory=list)
    inflect: bool = True  # allow plural and diminutive endings on terms
    quantity_terms: list[str] = field(default_factory=list)  # matched only with a quantity

    def __post_init__(self) -> None:
        # Patterns first: they are the more specific ("operator B" before "operator").
        alternatives = [f"(?:{p})" for p in self.patterns]
        if self.terms:
            ordered = sorted({t.lower() for t in self.terms}, key=len, reverse=True)
            body = "|".join(_phrase(t) for t in ordered)
            suffix = _SUFFIXES if self.inflect else ""
            alternatives.append(f"(?:{body}){suffix}")
        if self.compound_modifiers and self.compound_heads:
            mods = "|".join(
                sorted(
                    {re.escape(m.lower()) for m in self.compound_modifiers}, key=len, reverse=True
                )
            )
            heads = "|".join(
                sorted({re.escape(h.lower()) for h in self.compound_heads}, key=len, reverse=True)
            )
            alternatives.append(rf"(?:{mods})-?(?:{heads}){_SUFFIXES}")
        # Proper names (estates, towns) are weak on their own: see exposure.resolve.
        self._proper = {t.lower() for t in self.terms if t[:1].isupper()}
        self._regex = (
            re.compile(rf"(?<![\w#@])#?(?:{'|'.join(alternatives)})(?![\w])", re.IGNORECASE)
            if alternatives
            else None
        )
        self._exclude = (
            re.compile(
                r"(?<![\w])(?:" + "|".join(_phrase(e.lower()) for e in self.exclude) + r")(?![\w])",
                re.IGNORECASE,
            )
            if self.exclude
            else None
        )
        self._negative = (
            re.compile(
                r"(?<![\w])(?:"
                + "|".join(_phrase(w.lower()) for w in self.negative_context)
                + r")",
                re.IGNORECASE,
            )
            if self.negative_context
            else None
        )

    def find(self, text: str) -> list[Candidate]:
        if self._regex is None:
            return []
        excluded = (
            [(m.start(), m.end()) for m in self._exclude.finditer(text)] if self._exclude else []
        )
        found = []
        for m in self._regex.finditer(text):
            start, end = m.start(), m.end()
            if any(s < end and start < e for s, e in excluded):
                continue
            if self._negative is not None:
                window = text[max(0, start - CONTEXT_WINDOW) : end + CONTEXT_WINDOW]
                if self._negative.search(window):
                    continue
            weak = m.group(0).lstrip("#").lower() in self._proper
            found.append(Candidate(start, end, self.label, "lexicon", "default", weak=weak))
        return found


def _phrase(term: str) -> str:
    # Spaces in a phrase match any run of whitespace; a hyphen may also be a space.
    parts = [re.escape(p) for p in term.split()]
    return r"\s+".join(parts).replace(r"\-", r"[-\s]?")


def load_lexicon(path: Path, label: str, lang: str) -> Lexicon:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    allowed = {
        "terms",
        "compound_modifiers",
        "compound_heads",
        "patterns",
        "exclude",
        "negative_context",
        "inflect",
        "quantity_terms",
    }
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
    return Lexicon(label=label, lang=lang, **{k: data[k] for k in data})


@lru_cache(maxsize=4)
def lexicons_for(lang: str) -> tuple[Lexicon, ...]:
    folder = LEXICON_DIR / lang
    if not folder.is_dir():
        return ()
    return tuple(
        load_lexicon(path, path.stem.upper(), lang) for path in sorted(folder.glob("*.yaml"))
    )


def find(text: str, lang: str) -> list[Candidate]:
    found: list[Candidate] = []
    for lexicon in lexicons_for(lang):
        found.extend(lexicon.find(text))
    return found
