"""Safer rewrites: risky spans generalised or removed, the same way in every post.

The tables are in data/scanner/rewrites.yaml. A Rewriter remembers what it did,
so "Jan" becomes "collega A" in every post of a person and "GX-123-B" is masked
alike everywhere; the Scanner checks that the rewrite itself scans none or low and
falls back to removing whatever still stands out.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from exposure.models import Finding

REWRITES_PATH = Path(__file__).resolve().parent.parent / "data" / "scanner" / "rewrites.yaml"
PREPOSITIONS = {
    "nl": {
        "bij",
        "op",
        "in",
        "aan",
        "naar",
        "achter",
        "voor",
        "om",
        "tijdens",
        "rond",
        "rondom",
        "nabij",
    },
    "en": {"at", "in", "on", "to", "near", "by", "behind", "during", "around", "outside", "inside"},
}
ARTICLES = {
    "nl": {"de", "het", "een", "mijn", "m'n", "onze", "ons", "die", "deze"},
    "en": {"the", "a", "an", "my", "our", "this", "that"},
}
_SHIFT = re.compile(
    r"dienst|ploeg|shift|nights|rooster|rota|roster|earlies|lates|consignatie", re.I
)
_MASK_KEEP = set(" -.@+/:")


@lru_cache(maxsize=1)
def rewrite_table() -> dict[str, dict[str, str]]:
    return yaml.safe_load(REWRITES_PATH.read_text(encoding="utf-8"))


def mask(value: str) -> str:
    """Hide letters and digits, keep the separators so the shape stays readable."""
    return "".join(ch if ch in _MASK_KEEP else "•" for ch in value)


def tidy(text: str) -> str:
    """Cheap grammar tidy after edits: spacing, doubled punctuation, empty brackets."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.!?;:])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"(^|\n)[ \t]*[,;:][ \t]*", r"\1", text)
    text = re.sub(r"[ \t]+(\n|$)", r"\1", text)
    return text.strip()


class Rewriter:
    """Rewrites posts; one instance per person keeps replacements consistent."""

    def __init__(self) -> None:
        self._memory: dict[tuple[str, str, str], str | None] = {}
        self._letters: dict[str, int] = {}

    def _key(self, finding: Finding, lang: str) -> tuple[str, str, str]:
        return (lang, finding.label, " ".join(finding.text.lower().split()).lstrip("#@"))

    def replacement(self, finding: Finding, lang: str) -> str | None:
        """The text that replaces this finding, or None when it is dropped."""
        key = self._key(finding, lang)
        if key in self._memory:
            return self._memory[key]
        table = rewrite_table()[lang if lang in ("nl", "en") else "nl"]
        kind = finding.kind
        if (
            finding.label == "SCHEDULE"
            and not re.search(r"\d", finding.text)
            and _SHIFT.search(finding.text)
        ):
            kind = "shift"
        rule = table.get(f"{finding.label}/{kind}", table.get(finding.label, "drop"))
        if rule == "drop":
            result = None
        elif rule == "mask":
            result = mask(finding.text)
        elif "{n}" in rule:
            count = self._letters.get(rule, 0)
            self._letters[rule] = count + 1
            letter = string.ascii_uppercase[count % 26] + ("" if count < 26 else str(count // 26))
            result = rule.replace("{n}", letter)
        else:
            result = rule
        self._memory[key] = result
        return result

    def rewrite(self, text: str, findings: Sequence[Finding], lang: str) -> str:
        lang = lang if lang in ("nl", "en") else "nl"
        table = rewrite_table()[lang]
        out = text
        # Decide replacements in reading order, so "collega A" is the first one named.
        chosen = [(f, self.replacement(f, lang)) for f in sorted(findings, key=lambda f: f.start)]
        for finding, replacement in reversed(chosen):
            start, end = finding.start, finding.end
            before = out[:start]
            words = re.findall(r"(\S+)(\s+)$", before)
            prev = words[0][0].lower() if words else ""
            if finding.label == "SITE" and prev in PREPOSITIONS[lang] | ARTICLES[lang]:
                # "bij de poort 3" -> "op het werk": the preposition and article go with it.
                start = _eat_words(before, lang, PREPOSITIONS[lang] | ARTICLES[lang])
                replacement = table["site_preposition"]
            elif replacement is None:
                start = _eat_words(before, lang, PREPOSITIONS[lang] | ARTICLES[lang])
            elif prev in ARTICLES[lang] and (
                replacement.startswith("(")
                or replacement.split(" ", 1)[0].lower() in ARTICLES[lang]
            ):
                start = _eat_words(before, lang, ARTICLES[lang])
            if replacement and _starts_sentence(out, start) and out[start : start + 1].isupper():
                replacement = replacement[0].upper() + replacement[1:]
            # Keep a space between the replacement and the words around it.
            if replacement:
                if start > 0 and not out[start - 1].isspace() and out[start - 1] not in "(\"'#@":
                    replacement = " " + replacement
            out = out[:start] + (replacement or "") + out[end:]
        return tidy(out)


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\n"


def _eat_words(before: str, lang: str, words: set[str]) -> int:
    """Offset where a run of the given words directly before a span starts."""
    pos = len(before)
    while True:
        m = re.search(r"(\S+)(\s+)$", before[:pos])
        if not m or m.group(1).lower() not in words:
            return pos
        pos = m.start()
