"""Hand-built posts, scanner results and a dossier for the report tests."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from exposure.models import Dossier, DossierItem, Finding, Post, PostResult

GENERATED = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def pdf_text(data: bytes) -> str:
    """The text a PDF reader extracts, whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def finding(text: str, post_text: str, label: str, kind: str = "default") -> Finding:
    start = post_text.index(text)
    return Finding(start, start + len(text), text, label, "lexicon", 0.9, "uitleg", kind)


def post_and_result(
    post_id: str,
    text: str,
    risk: str,
    spans: list[tuple[str, str]],
    *,
    rewrite: str | None = None,
    author: str = "anne",
    day: int = 1,
    score: float | None = None,
) -> tuple[Post, PostResult]:
    post = Post(
        id=post_id,
        text=text,
        lang="nl",
        platform="mastodon",
        created_at=datetime(2025, 2, day, 21, 0, tzinfo=UTC),
        author=author,
    )
    levels = {"none": 0.0, "low": 0.3, "medium": 0.55, "high": 0.85}
    result = PostResult(
        post_id=post_id,
        text=text,
        lang="nl",
        risk=risk,
        score=levels[risk] if score is None else score,
        findings=tuple(finding(span, text, label) for span, label in spans),
        rewrite=rewrite,
    )
    return post, result


def dossier_of(pairs: list[tuple[Post, PostResult]], author: str | None = "anne") -> Dossier:
    """A dossier the way exposure.dossier builds one: one item per label and value."""
    items: dict[tuple[str, str], DossierItem] = {}
    for post, result in pairs:
        if author is not None and post.author != author:
            continue
        for f in result.findings:
            item = items.setdefault((f.label, f.text), DossierItem(f.label, f.text))
            if post.id not in item.post_ids:
                item.post_ids.append(post.id)
    risks = [r.risk for p, r in pairs if author is None or p.author == author]
    order = ("none", "low", "medium", "high")
    top = max(risks, key=order.index) if risks else "none"
    return Dossier(
        author=author,
        items=list(items.values()),
        risk=top,
        score={"none": 0.0, "low": 0.3, "medium": 0.55, "high": 0.9}[top],
        reasons=["Tijd, plaats en beveiliging samen: iemand weet wanneer hij binnenkomt."],
        post_count=len(risks),
    )


@pytest.fixture
def anne_posts() -> list[tuple[Post, PostResult]]:
    return [
        post_and_result(
            "p1",
            "Weer nachtdienst bij Noordchem, de camera bij poort 3 doet het al weken niet",
            "high",
            [
                ("nachtdienst", "SCHEDULE"),
                ("Noordchem", "ORG"),
                ("de camera bij poort 3 doet het al weken niet", "SECURITY"),
            ],
            rewrite="Weer dienst bij mijn werkgever, (beveiligingsdetail weggelaten)",
            day=3,
        ),
        post_and_result(
            "p2",
            "Morgen komt de tanker met 500 m3 methanol aan jetty 4",
            "medium",
            [("tanker", "LOGISTICS"), ("500 m3 methanol", "GOODS"), ("jetty 4", "SITE")],
            rewrite="Morgen weer een drukke dag op het werk",
            day=5,
        ),
        post_and_result(
            "p3",
            "Trots op ons team bij Noordchem!",
            "low",
            [("Noordchem", "ORG")],
            day=7,
        ),
        post_and_result("p4", "Lekker gefietst langs het Damsterdiep", "none", [], day=9),
    ]
