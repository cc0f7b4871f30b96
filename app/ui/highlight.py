"""A post's text as HTML with each finding marked in the colour of its label.

Post text is untrusted: every piece of it goes through `html.escape` here, and the
only markup in the output is the project's own <mark>/<span> elements. Pages show
the result with `st.html`, which does not apply Markdown either, so `*`, `$` or
`:red[...]` in a post stay plain characters.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from exposure.conduct import default_catalogue
from exposure.models import LABELS, Finding


@dataclass(frozen=True)
class LabelColour:
    background: str
    border: str  # a darker edge, so labels differ by more than a pale fill


# Light fills keep black text readable; the darker underline tells neighbours apart.
LABEL_COLOURS: dict[str, LabelColour] = {
    "ORG": LabelColour("#cfe2ff", "#1d4ed8"),
    "PERSON": LabelColour("#e9ddff", "#6d28d9"),
    "ROLE": LabelColour("#ffe0c2", "#c2410c"),
    "SITE": LabelColour("#cff5d9", "#15803d"),
    "SCHEDULE": LabelColour("#fff2a8", "#a16207"),
    "SECURITY": LabelColour("#ffc9c9", "#b91c1c"),
    "ACCESS": LabelColour("#ffd1ee", "#be185d"),
    "GOODS": LabelColour("#c9f1f2", "#0e7490"),
    "LOGISTICS": LabelColour("#e8dccb", "#7c4a1e"),
    "IDENTIFIER": LabelColour("#e2e2e2", "#404040"),
    "LEVERAGE": LabelColour("#ffd8a8", "#9a3412"),
}
_FALLBACK = LabelColour("#eeeeee", "#555555")


def label_name(label: str, lang: str) -> str:
    """The label's name in the interface language, from the conduct-rules vocabulary."""
    return default_catalogue().vocabulary.label_name(label, lang)


def colour(label: str) -> LabelColour:
    return LABEL_COLOURS.get(label, _FALLBACK)


def _mark(text: str, label: str, lang: str, explanation: str = "") -> str:
    c = colour(label)
    name = html.escape(label_name(label, lang))
    title = html.escape(f"{label_name(label, lang)}: {explanation}" if explanation else name)
    return (
        f'<mark data-label="{html.escape(label)}" title="{title}" '
        f'style="background:{c.background};border-bottom:2px solid {c.border};'
        f'color:#111;padding:0 .15em;border-radius:.2em">'
        # The visible text is the post's own: escaped.
        f"{html.escape(text)}"
        f'<span style="font-size:.65em;font-weight:600;color:{c.border};margin-left:.3em">'
        f"{name}</span></mark>"
    )


def _ordered(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """Findings inside the text, in reading order, without overlaps (the first wins)."""
    kept: list[Finding] = []
    end = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.start < end or f.start < 0 or f.end > len(text) or f.end <= f.start:
            continue
        kept.append(f)
        end = f.end
    return kept


def highlighted_html(text: str, findings: Sequence[Finding], lang: str) -> str:
    """The whole text, escaped, with every finding wrapped in a coloured <mark>."""
    parts: list[str] = []
    position = 0
    for f in _ordered(text, findings):
        parts.append(html.escape(text[position : f.start]))
        parts.append(_mark(text[f.start : f.end], f.label, lang, f.explanation))
        position = f.end
    parts.append(html.escape(text[position:]))
    return (
        '<div class="exposure-highlight" '
        'style="white-space:pre-wrap;line-height:1.9;overflow-wrap:anywhere">'
        + "".join(parts)
        + "</div>"
    )


def legend_html(labels: Iterable[str], lang: str) -> str:
    """A row of coloured samples naming each label that occurs, in taxonomy order."""
    present = set(labels)
    items = [
        f'<span data-legend="{label}" style="background:{colour(label).background};'
        f"border-bottom:2px solid {colour(label).border};padding:0 .4em;margin:0 .4em .3em 0;"
        f'border-radius:.2em;display:inline-block">{html.escape(label_name(label, lang))}</span>'
        for label in LABELS
        if label in present
    ]
    return '<div class="exposure-legend">' + "".join(items) + "</div>"
