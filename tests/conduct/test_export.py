"""A published version exports to Markdown, DOCX and PDF with company, version and date."""

from __future__ import annotations

import io
import re
import zlib
from datetime import UTC, datetime

import pytest
from docx import Document

from exposure.conduct.export import (
    export_docx,
    export_markdown,
    export_pdf,
    export_proposal,
    latin1,
)
from exposure.conduct.proposal import propose_rules
from exposure.conduct.ruleset import RuleSet, add_custom, add_from_catalogue, publish
from exposure.conduct.terms import CompanyTerms

AT = datetime(2025, 3, 11, 14, 0, tzinfo=UTC)


@pytest.fixture
def published(profile) -> RuleSet:
    terms = CompanyTerms.from_profile(profile)
    ruleset = RuleSet(company="Noordchem", version=3)
    for rule_id in ("no-badge-photos", "nothing-about-incidents-or-outages", "deleted-is-not-gone"):
        ruleset = add_from_catalogue(ruleset, rule_id, terms)
    ruleset = add_custom(
        ruleset,
        title={"nl": "Geen <script> en emoji 🚢 — ‘quotes’ €5", "en": "No <b>tags</b> or 中文"},
        rule={"nl": "Tekst met ☢ en ✓ tekens.", "en": "Text with ☢ and ✓ signs."},
    )
    return publish(ruleset, "Petra Bakker", at=AT)


def test_markdown_has_company_version_date_and_escapes_html(published):
    text = export_markdown(published, "nl").decode("utf-8")
    assert text.startswith("# Gedragsregels sociale media: Noordchem")
    assert "Versie 3, gepubliceerd op 11 maart 2025 door Petra Bakker" in text
    assert "## 1. Geen foto's van je pas" in text
    assert "**Waarom:**" in text and "**Wel:**" in text and "**Niet:**" in text
    assert "<script>" not in text and "&lt;script&gt;" in text
    english = export_markdown(published, "en").decode("utf-8")
    assert "Version 3, published on 11 March 2025 by Petra Bakker" in english


def test_docx_opens_and_holds_company_version_and_rules(published):
    data = export_docx(published, "nl")
    document = Document(io.BytesIO(data))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Noordchem" in document.paragraphs[0].text
    assert "Versie 3, gepubliceerd op 11 maart 2025" in text
    assert "Meld een storing" in text and "Petra Bakker (beveiligingsmanager, 0596 123 456)" in text
    assert "Waarom: " in text and "Niet: " in text


def _pdf_page_text(data: bytes) -> bytes:
    """The drawing commands of every compressed content stream, where the text sits."""
    content = b""
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content += zlib.decompress(match.group(1))
        except zlib.error:
            continue  # fonts and other binary streams
    return content


def test_pdf_is_a_pdf_even_with_characters_outside_latin1(published):
    for lang in ("nl", "en"):
        data = export_pdf(published, lang)
        assert data.startswith(b"%PDF")
        assert data.rstrip().endswith(b"%%EOF")
    text = _pdf_page_text(export_pdf(published, "nl"))
    assert b"(Gedragsregels sociale media: Noordchem) Tj" in text
    assert b"Versie 3, gepubliceerd op 11 maart 2025 door Petra Bakker" in text


def test_latin1_replacement_keeps_what_it_can():
    assert latin1("‘Wéér’ — 5 € … 中") == "'Wéér' - 5 EUR ... ?"


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_a_proposal_exports_with_reasons_and_quotes(make_result, profile, fmt):
    results = [
        make_result(
            "1",
            "De camera bij poort 3 is kapot, vraag maar aan Jan de Vries",
            "high",
            ("camera bij poort 3 is kapot", "SECURITY"),
            ("Jan de Vries", "PERSON"),
        )
    ]
    data = export_proposal(propose_rules(results, None, profile, "nl"), fmt)
    if fmt == "md":
        text = data.decode("utf-8")
        assert "Waarom voorgesteld" in text and "gevonden in 1 van de 1 berichten" in text
        assert "camera bij poort #" in text and "Jan" not in text
    elif fmt == "docx":
        text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
        assert "Voorstel gedragsregels sociale media: Noordchem" in text
        assert "Voorbeelden (geanonimiseerd)" in text and "Vries" not in text
    else:
        assert data.startswith(b"%PDF")
