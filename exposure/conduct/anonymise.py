"""Anonymised quotes from posts, for showing HR why a rule was proposed.

A quote keeps the risky phrase and a little context, but never names, numbers or
contact details: PERSON and IDENTIFIER findings become "[naam]"/"[nummer]";
e-mail addresses, links, @accounts, phone numbers, licence plates, container
numbers and IBANs are masked by pattern even when the scanner missed them; first
and last names from Faker's Dutch and English name lists are masked too; and any
digit left over becomes "#". Over-masking is the accepted price: a quote exists
to show the *kind* of detail, not the detail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

import phonenumbers

from exposure.models import Finding

QUOTE_CONTEXT_CHARS = 50
MAX_QUOTE_CHARS = 220
ELLIPSIS = "…"

_MASKS = {
    "name": {"nl": "[naam]", "en": "[name]"},
    "number": {"nl": "[nummer]", "en": "[number]"},
    "plate": {"nl": "[kenteken]", "en": "[plate]"},
    "phone": {"nl": "[telefoon]", "en": "[phone]"},
    "email": {"nl": "[e-mail]", "en": "[e-mail]"},
    "link": {"nl": "[link]", "en": "[link]"},
    "account": {"nl": "[account]", "en": "[account]"},
}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("link", re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)),
    ("account", re.compile(r"(?<![\w@])@\w[\w.]*")),
    ("number", re.compile(r"\b[A-Z]{2}\d{2}[ ]?[A-Z]{4}(?:[ ]?\d{2,4}){2,5}\b", re.IGNORECASE)),
    ("number", re.compile(r"\b[A-Z]{3}[UJZ][ ]?\d{6}[ -]?\d\b", re.IGNORECASE)),
    # Dutch licence-plate side codes: three groups of letters/digits, mixed.
    (
        "plate",
        re.compile(
            r"\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{1,3}-[A-Z0-9]{1,3}-[A-Z0-9]{1,3}\b",
            re.IGNORECASE,
        ),
    ),
    # Codes that mix letters with three or more digits: badge, staff, order numbers.
    ("number", re.compile(r"\b(?=\w*[^\W\d_])(?=(?:\w*\d){3})\w+\b")),
)

_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_NAME_PARTICLES = frozenset(
    {
        "van",
        "de",
        "der",
        "den",
        "ter",
        "ten",
        "te",
        "het",
        "'t",
        "in",
        "op",
        "la",
        "le",
        "von",
        "zu",
    }
)
_SENTENCE_END = set(".!?:;\n\"'“”‘’(")


@cache
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    from faker.providers.person.en_GB import Provider as EnglishGB
    from faker.providers.person.en_US import Provider as EnglishUS
    from faker.providers.person.nl_NL import Provider as Dutch

    first: set[str] = set()
    last: set[str] = set()
    for provider in (Dutch, EnglishUS, EnglishGB):
        first.update(str(name) for name in provider.first_names)
        for name in provider.last_names:
            for part in re.split(r"[\s,]+", str(name)):
                if len(part) > 1 and part[0].isupper():
                    last.add(part)
    return frozenset(first), frozenset(last)


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def _sentence_initial(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def _name_spans(
    text: str, blocked: Sequence[tuple[int, int]], protected: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans of likely personal names, a first name and its surname kept together."""
    first_names, last_names = _name_lists()
    spans: list[tuple[int, int]] = []
    chain_end: int | None = None  # end of the name being read, while it may continue
    for match in _NAME_TOKEN.finditer(text):
        start, end, token = match.start(), match.end(), match.group(0)
        if _overlaps(start, end, blocked) or _overlaps(start, end, protected):
            chain_end = None
            continue
        if chain_end is not None:
            gap = text[chain_end:start]
            if gap.strip() or "\n" in gap:
                chain_end = None
        capitalised = token[0].isupper()
        if chain_end is not None:
            if token.lower() in _NAME_PARTICLES:
                chain_end = end  # "Jan van der ...": read on, mask only if a name follows
                continue
            if capitalised:
                spans[-1] = (spans[-1][0], end)
                chain_end = end
                continue
            chain_end = None
        is_name = capitalised and (
            token in first_names or (token in last_names and not _sentence_initial(text, start))
        )
        if is_name:
            spans.append((start, end))
            chain_end = end
    return spans


def _phone_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for region in ("NL", "GB"):
        try:
            matcher = phonenumbers.PhoneNumberMatcher(
                text, region, leniency=phonenumbers.Leniency.POSSIBLE
            )
            spans.extend((match.start, match.end) for match in matcher)
        except Exception:  # noqa: S112
            # A parser hiccup must not stop the quote; every digit is masked afterwards anyway.
            continue
    return spans


def anonymise(
    text: str,
    findings: Sequence[Finding] = (),
    lang: str = "nl",
    keep_terms: Iterable[str] = (),
) -> str:
    """Mask names, identifiers, contact details and numbers in `text`.

    `findings` must carry offsets into `text`. Non-PERSON findings and `keep_terms`
    (company, site and product names from the profile) are kept readable, except
    that their digits are masked like every other digit.
    """
    lang = "en" if lang == "en" else "nl"
    replacements: list[tuple[int, int, str]] = []
    protected: list[tuple[int, int]] = []
    for finding in findings:
        if not (0 <= finding.start < finding.end <= len(text)):
            continue
        if finding.label == "PERSON":
            replacements.append((finding.start, finding.end, _MASKS["name"][lang]))
        elif finding.label == "IDENTIFIER":
            replacements.append((finding.start, finding.end, _MASKS["number"][lang]))
        else:
            protected.append((finding.start, finding.end))
    for kind, pattern in _PATTERNS:
        replacements.extend(
            (m.start(), m.end(), _MASKS[kind][lang]) for m in pattern.finditer(text)
        )
    replacements.extend((start, end, _MASKS["phone"][lang]) for start, end in _phone_spans(text))
    lowered = text.lower()
    for term in keep_terms:
        term = term.strip().lower()
        if len(term) < 2:
            continue
        position = lowered.find(term)
        while position != -1:
            protected.append((position, position + len(term)))
            position = lowered.find(term, position + len(term))
    blocked = [(start, end) for start, end, _ in replacements]
    replacements.extend(
        (start, end, _MASKS["name"][lang]) for start, end in _name_spans(text, blocked, protected)
    )

    # Overlapping spans merge, so every character any rule wanted masked stays masked.
    merged: list[list] = []
    for start, end, mask in sorted(replacements, key=lambda item: (item[0], -item[1])):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, mask])
    pieces: list[str] = []
    cursor = 0
    for start, end, mask in merged:
        pieces.append(text[cursor:start])
        pieces.append(mask)
        cursor = end
    pieces.append(text[cursor:])
    return re.sub(r"\d", "#", "".join(pieces))


def quote(
    text: str,
    finding: Finding,
    findings: Sequence[Finding] = (),
    lang: str = "nl",
    keep_terms: Iterable[str] = (),
    context: int = QUOTE_CONTEXT_CHARS,
) -> str:
    """An anonymised snippet of `text` around `finding`, on word boundaries."""
    start = max(0, min(finding.start, len(text)))
    end = max(start, min(finding.end, len(text)))
    a = max(0, start - context)
    b = min(len(text), end + context)
    # Never cut a finding in half: a half-masked name could still be read.
    changed = True
    while changed:
        changed = False
        for other in findings:
            if other.start < b and a < other.end:
                if other.start < a:
                    a, changed = max(0, other.start), True
                if other.end > b:
                    b, changed = min(len(text), other.end), True
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    snippet = text[a:b]
    inside = [
        Finding(
            start=max(f.start, a) - a,
            end=min(f.end, b) - a,
            text=f.text,
            label=f.label,
            source=f.source,
            confidence=f.confidence,
            explanation=f.explanation,
        )
        for f in findings
        if f.start < b and a < f.end
    ]
    masked = " ".join(anonymise(snippet, inside, lang, keep_terms).split())
    if len(masked) > MAX_QUOTE_CHARS:
        masked = masked[: MAX_QUOTE_CHARS - 1].rsplit(" ", 1)[0]
        b = len(text) + 1  # force the trailing ellipsis
    prefix = ELLIPSIS if a > 0 else ""
    suffix = ELLIPSIS if b < len(text) or len(masked) >= MAX_QUOTE_CHARS - 1 else ""
    return f"{prefix}{masked}{suffix}"
