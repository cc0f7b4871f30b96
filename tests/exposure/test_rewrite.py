import pytest

from exposure.models import Finding, Post
from exposure.rewrite import Rewriter, mask, tidy


def finding(text: str, span: str, label: str, kind: str = "default") -> Finding:
    start = text.index(span)
    return Finding(start, start + len(span), span, label, "lexicon", 0.8, "", kind)


def test_site_with_preposition_becomes_at_work() -> None:
    text = "Ik sta bij poort 3 te wachten"
    out = Rewriter().rewrite(text, [finding(text, "poort 3", "SITE", "gate")], "nl")
    assert out == "Ik sta op het werk te wachten"


def test_times_are_dropped_with_their_preposition() -> None:
    text = "Ik begin om 06:00 vandaag"
    out = Rewriter().rewrite(text, [finding(text, "06:00", "SCHEDULE")], "nl")
    assert out == "Ik begin vandaag"


def test_identifiers_are_masked_keeping_separators() -> None:
    text = "kenteken GX-123-B"
    out = Rewriter().rewrite(text, [finding(text, "GX-123-B", "IDENTIFIER", "plate")], "nl")
    assert out == "kenteken ••-•••-•"
    assert mask("06-12345678") == "••-••••••••"


def test_names_become_distinct_colleagues_consistently() -> None:
    rewriter = Rewriter()
    first = "Jan en Piet hebben nachtdienst"
    second = "Piet zei dat Jan ziek is"
    a = rewriter.rewrite(
        first, [finding(first, "Jan", "PERSON"), finding(first, "Piet", "PERSON")], "nl"
    )
    b = rewriter.rewrite(
        second, [finding(second, "Piet", "PERSON"), finding(second, "Jan", "PERSON")], "nl"
    )
    assert a == "Collega A en collega B hebben nachtdienst"
    assert b == "Collega B zei dat collega A ziek is"


def test_tidy_removes_double_spaces_and_space_before_punctuation() -> None:
    assert tidy("Weer  dienst , lekker !") == "Weer dienst, lekker!"


RISKY = [
    ("Weer nachtdienst bij Noordchem 😴 en de camera bij poort 3 doet het nog steeds niet", "nl"),
    (
        "de tanker komt donderdag om 06:00 bij jetty 4 met 20 vaten zoutzuur. Bel me 06-12345678",
        "nl",
    ),
    (
        "Night shift again at Noordchem, no guard after 22:00 and the back gate is always open lol",
        "en",
    ),
    ("ik heb €12.000 gokschuld en mijn baas kan de pot op, werk als operator bij Noordchem", "nl"),
    ("deurcode is 4471 en mijn toegangspas nr 48213 ligt in de auto GX-123-B", "nl"),
]


@pytest.mark.parametrize("text, lang", RISKY)
def test_rewrite_of_a_risky_post_scans_none_or_low(scanner, text: str, lang: str) -> None:
    result = scanner.scan_text(text, lang=lang)
    assert result.risk in ("medium", "high")
    assert result.rewrite and result.rewrite != text
    again = scanner.scan_text(result.rewrite, lang=lang)
    assert again.risk in ("none", "low"), (result.rewrite, again.findings)


def test_a_post_without_findings_is_left_as_it_is(scanner) -> None:
    text = "Lekker gefietst langs de dijk met de kinderen"
    assert scanner.scan_text(text).rewrite == text


def test_same_item_is_rewritten_alike_across_a_persons_posts(scanner) -> None:
    posts = [
        Post(id="1", text="Auto GX-123-B staat weer op P3, nachtdienst tot 06:00", author="a"),
        Post(id="2", text="Wie heeft GX-123-B geblokkeerd bij de tanks?", author="a"),
    ]
    r1, r2 = scanner.scan_posts(posts)
    assert "GX-123-B" not in r1.rewrite and "GX-123-B" not in r2.rewrite
    assert "••-•••-•" in r1.rewrite and "••-•••-•" in r2.rewrite
