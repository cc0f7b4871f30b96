import re
from datetime import UTC, datetime

import pytest

from exposure.models import Dossier
from exposure.report import DEJAVU_DIR, DEJAVU_FILES, exposure_report_pdf, report_text

from .conftest import GENERATED, dossier_of, page_count, pdf_text, post_and_result

HAS_DEJAVU = all((DEJAVU_DIR / name).is_file() for name in DEJAVU_FILES.values())
FONT_CHOICES = [
    pytest.param(
        DEJAVU_DIR, id="dejavu", marks=pytest.mark.skipif(not HAS_DEJAVU, reason="no DejaVu")
    ),
    pytest.param(None, id="core-font"),
]


def report(pairs, dossier=None, **kwargs) -> bytes:
    posts = [p for p, _ in pairs]
    results = [r for _, r in pairs]
    kwargs.setdefault("person_name", "Anne Jansen")
    kwargs.setdefault("generated_at", GENERATED)
    return exposure_report_pdf(dossier or dossier_of(pairs), posts, results, **kwargs)


@pytest.mark.parametrize("font_dir", FONT_CHOICES)
def test_dutch_report_holds_name_dossier_and_safer_rewrite(anne_posts, font_dir) -> None:
    data = report(anne_posts, lang="nl", font_dir=font_dir)

    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert "Wat een buitenstaander over mij leert" in text
    assert "Anne Jansen" in text and "2025-03-14 09:30" in text
    assert "nooit om je te beoordelen" in text  # for awareness, never for appraisal
    assert "Bekeken berichten: 4" in text
    assert "hoog risico" in text
    # A dossier item, the number of posts that reveal it, and those posts quoted.
    assert "Noordchem - in 2 berichten" in text
    assert "500 m3 methanol - in 1 bericht" in text
    assert "Trots op ons team bij Noordchem!" in text
    assert "Weer dienst bij mijn werkgever, (beveiligingsdetail weggelaten)" in text
    assert "Wat kun je doen?" in text


def test_english_report(anne_posts) -> None:
    text = pdf_text(report(anne_posts, lang="en"))
    assert "What an outsider learns about me" in text
    assert "never for appraisal" in text
    assert "Employer and relations" in text  # the dossier section of Noordchem
    assert "Noordchem - in 2 posts" in text
    assert "Safer: Weer dienst bij mijn werkgever" in text
    assert "What can you do?" in text


def test_counts_per_label_and_per_risk_level(anne_posts) -> None:
    text = pdf_text(report(anne_posts, lang="en"))
    assert "Posts per risk level: high 1, medium 1, low 1, no 1" in text
    # ORG found twice, in two posts; GOODS once.
    assert re.search(r"Employer and relations 2 2\b", text)
    assert re.search(r"Goods 1 1\b", text)
    assert "Tijd, plaats en beveiliging samen" in text  # the dossier's reasons


def test_riskiest_posts_come_first_and_are_limited(anne_posts) -> None:
    many = [
        post_and_result(
            f"r{i}",
            f"Ploeg {i} bij Noordchem vannacht",
            "medium",
            [("Noordchem", "ORG")],
            score=0.6 + i / 100,
            day=10 + i,
        )
        for i in range(8)
    ]
    text = pdf_text(report(anne_posts + many, lang="nl"))
    riskiest = text.split("Je meest riskante berichten")[1]
    shown = re.findall(r"Bericht (\d{4}-\d{2}-\d{2}) - (\w+) risico", riskiest)
    assert len(shown) == 5
    assert shown[0] == ("2025-02-03", "hoog")
    # then the medium posts with the highest score: day 17, 16, 15, 14
    assert [d for d, _ in shown[1:]] == ["2025-02-17", "2025-02-16", "2025-02-15", "2025-02-14"]


def test_only_the_dossier_authors_posts_count(anne_posts) -> None:
    other = post_and_result(
        "x1",
        "Piet werkt bij Chemiepark Delfzijl",
        "high",
        [("Chemiepark Delfzijl", "SITE")],
        author="piet",
    )
    text = pdf_text(report(anne_posts + [other], dossier=dossier_of(anne_posts + [other])))
    assert "Chemiepark Delfzijl" not in text
    assert "Bekeken berichten: 4" in text


def test_a_clean_history_says_so() -> None:
    pairs = [post_and_result("c1", "Mooie zonsondergang vanavond", "none", [])]
    text = pdf_text(report(pairs, person_name=None, lang="nl"))
    assert "Persoonlijk blootstellingsrapport, gemaakt op 2025-03-14" in text
    assert "geen details gevonden" in text
    assert report_text("dossier_empty", "nl") in text
    assert report_text("risky_none", "nl") in text


UNRULY_TEXT = (
    "Nachtdienst bij Noordchem \U0001f525\U0001f9ea\U0001f468\u200d\U0001f527 "
    "\u05e9\u05dc\u05d5\u05dd \u05dc\u05db\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 "
    "\u202eevil\u202c \x00\x07 ctrl \u4f60\u597d"
)


@pytest.mark.parametrize("font_dir", FONT_CHOICES)
def test_emoji_right_to_left_and_control_characters_do_not_break_it(font_dir) -> None:
    pairs = [
        post_and_result(
            "u1",
            UNRULY_TEXT,
            "high",
            [("Noordchem", "ORG"), ("Nachtdienst", "SCHEDULE")],
            rewrite="Dienst bij mijn werkgever \U0001f525",
        )
    ]
    data = report(
        pairs, person_name="Zo\u00eb \u015eahin \U0001f469\u200d\U0001f52c", font_dir=font_dir
    )

    text = pdf_text(data)
    assert data.startswith(b"%PDF-")
    assert "Nachtdienst bij Noordchem" in text
    assert "ctrl" in text
    if font_dir is None:
        assert "Zo\u00eb Sahin" in text  # outside Latin-1 falls back to the base letter
        assert "\u05e9" not in text
    else:
        assert "Zo\u00eb \u015eahin" in text
        assert "\u05e9" in text and "\u0645" in text  # Hebrew and Arabic letters kept


def test_a_ten_thousand_character_post_is_shortened() -> None:
    long_text = "Noordchem " + " ".join(f"woord{i}" for i in range(1_300)) + " " + "x" * 2_000
    assert len(long_text) > 10_000
    unbroken = "Noordchem" + "y" * 10_000  # one word, no place to wrap
    pairs = [
        post_and_result("long", long_text, "high", [("Noordchem", "ORG")], rewrite=long_text),
        post_and_result("word", unbroken, "medium", [("Noordchem", "ORG")]),
    ]
    data = report(pairs)

    text = pdf_text(data)
    assert "(ingekort)" in text
    assert "woord1299" not in text
    assert page_count(data) <= 6


def test_core_font_is_used_when_dejavu_is_missing(anne_posts, tmp_path) -> None:
    data = report(anne_posts, font_dir=tmp_path)
    assert b"/BaseFont /Helvetica" in data
    assert b"DejaVu" not in data
    assert "Anne Jansen" in pdf_text(data)


def test_dejavu_is_embedded_when_present(anne_posts) -> None:
    if not HAS_DEJAVU:
        pytest.skip("no DejaVu fonts on this system")
    assert b"DejaVu" in report(anne_posts)


def test_posts_and_results_must_pair_up(anne_posts) -> None:
    posts = [p for p, _ in anne_posts]
    results = [r for _, r in anne_posts][:-1]
    with pytest.raises(ValueError):
        exposure_report_pdf(dossier_of(anne_posts), posts, results, person_name="Anne")


def test_naive_generation_time_and_unknown_language_still_work(anne_posts) -> None:
    data = report(anne_posts, generated_at=datetime(2025, 1, 2, 3, 4), lang="de")
    text = pdf_text(data)
    assert "2025-01-02 03:04" in text and "Samenvatting" in text  # falls back to Dutch


def test_report_texts_exist_in_dutch_and_english() -> None:
    for lang in ("nl", "en"):
        assert len(report_text("what_to_do", lang)) == len(report_text("what_to_do", "nl"))
        for level in ("none", "low", "medium", "high"):
            assert report_text(f"risk_{level}", lang)
    assert report_text("dossier_item", "en", value="x", count=1) == "x - in 1 post"
    assert report_text("dossier_item", "en", value="x", count=3) == "x - in 3 posts"


def test_empty_dossier_with_author_filter_counts_nothing() -> None:
    empty = Dossier(author="nobody", items=[], risk="none", score=0.0)
    data = exposure_report_pdf(empty, [], [], person_name="Anne", generated_at=datetime.now(UTC))
    assert "Bekeken berichten: 0" in pdf_text(data)
