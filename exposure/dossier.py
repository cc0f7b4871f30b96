"""What an outsider pieces together from all of one person's posts.

Each detail becomes an item with the posts that reveal it; the combined risk
applies the same table as a single post (exposure.risk) to everything at once, so
a shift in one post, a gate in another and a broken camera in a third add up.
"""

from __future__ import annotations

from collections.abc import Sequence

from exposure.models import Dossier, DossierItem, Post, PostResult
from exposure.risk import assess

# The order in which a dossier tells its story, with headings in both languages.
DOSSIER_SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("ORG", "Werkgever en relaties", "Employer and relations"),
    ("ROLE", "Functie", "Role"),
    ("SITE", "Werkplekken", "Sites"),
    ("SCHEDULE", "Wanneer waar", "When where"),
    ("SECURITY", "Beveiliging en zwakke plekken", "Security and weaknesses"),
    ("ACCESS", "Toegang", "Access"),
    ("GOODS", "Goederen", "Goods"),
    ("LOGISTICS", "Transport", "Logistics"),
    ("IDENTIFIER", "Nummers en adressen", "Identifiers"),
    ("LEVERAGE", "Kwetsbaarheden", "Leverage"),
    ("PERSON", "Genoemde mensen", "People named"),
)
_ORDER = {label: i for i, (label, _, _) in enumerate(DOSSIER_SECTIONS)}


def section_heading(label: str, ui_lang: str = "nl") -> str:
    for section, nl, en in DOSSIER_SECTIONS:
        if section == label:
            return en if ui_lang == "en" else nl
    return label


def build_dossier(
    posts: Sequence[Post],
    results: Sequence[PostResult],
    author: str | None = None,
    ui_lang: str = "nl",
) -> Dossier:
    """Dossier of the posts by `author` (all posts when author is None)."""
    if len(posts) != len(results):
        raise ValueError("posts and results must be the same length")
    items: dict[tuple[str, str], DossierItem] = {}
    pairs: list[tuple[str, str]] = []
    count = 0
    for post, result in zip(posts, results, strict=True):
        if author is not None and post.author != author:
            continue
        count += 1
        for finding in result.findings:
            pairs.append((finding.label, finding.kind))
            value = " ".join(finding.text.split())
            key = (finding.label, value.lower().lstrip("#@"))
            item = items.get(key)
            if item is None:
                item = items[key] = DossierItem(label=finding.label, value=value)
            if post.id not in item.post_ids:
                item.post_ids.append(post.id)
    risk = assess(pairs, ui_lang)
    ordered = sorted(
        items.values(),
        key=lambda it: (_ORDER.get(it.label, 99), -len(it.post_ids), it.value.lower()),
    )
    return Dossier(
        author=author,
        items=ordered,
        risk=risk.level,
        score=risk.score,
        reasons=list(risk.reasons),
        post_count=count,
    )


def dossier_to_dict(dossier: Dossier, ui_lang: str = "nl") -> dict:
    return {
        "author": dossier.author,
        "post_count": dossier.post_count,
        "risk": dossier.risk,
        "score": round(dossier.score, 3),
        "reasons": dossier.reasons,
        "items": [
            {
                "label": it.label,
                "section": section_heading(it.label, ui_lang),
                "value": it.value,
                "post_ids": it.post_ids,
            }
            for it in dossier.items
        ],
    }
