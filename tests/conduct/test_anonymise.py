"""Quotes shown to HR never reveal names, numbers or contact details."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from exposure.conduct.anonymise import anonymise, quote

POST = (
    "Jan de Vries en ik staan vannacht alleen bij poort 3. Bel me op 06-12345678 of "
    "mail jan.devries@gmail.com. Mijn auto GX-123-B staat bij de slagboom, "
    "container MSKU 123456 7 komt morgen. Groetjes aan Pieter Bakker!"
)


def _findings(finding):
    return (
        finding(POST, "Jan de Vries", "PERSON"),
        finding(POST, "vannacht alleen", "SCHEDULE"),
        finding(POST, "poort 3", "SITE"),
        finding(POST, "06-12345678", "IDENTIFIER"),
    )


def test_quote_hides_phone_plate_and_names_even_when_the_scanner_missed_them(finding):
    findings = _findings(finding)
    for finding in findings:
        text = quote(POST, finding, findings, "nl", keep_terms=["poort 3"], context=400)
        for secret in (
            "Jan",
            "Vries",
            "Pieter",
            "Bakker",
            "12345678",
            "GX-123-B",
            "123",
            "gmail",
            "MSKU",
        ):
            assert secret not in text, (secret, text)
        assert not re.search(r"\d", text), text


def test_quote_keeps_the_risky_phrase_readable(finding):
    findings = _findings(finding)
    text = quote(POST, findings[1], findings, "nl", keep_terms=["poort 3"])
    assert "vannacht alleen" in text
    assert "poort #" in text  # the place stays, its number does not
    assert "[naam]" in text


def test_english_masks_use_english_words():
    text = "Call Mark Johnson on +44 7700 900123 or at mark@example.com"
    masked = anonymise(text, (), "en")
    assert masked == "Call [name] on [phone] or at [e-mail]"


def test_company_terms_are_not_mistaken_for_names():
    text = "Mooie zonsondergang bij Noordchem, Groningen Seaports en Bakker Logistiek"
    masked = anonymise(text, (), "nl", keep_terms=["Noordchem", "Groningen Seaports"])
    assert "Noordchem" in masked and "Groningen Seaports" in masked
    assert "Bakker" not in masked


def test_a_person_finding_is_never_quoted_literally(finding):
    text = "Vandaag afscheid van collega Xandrijn Qwelleboom, veertig jaar ploegleider"
    findings = (
        finding(text, "Xandrijn Qwelleboom", "PERSON"),
        finding(text, "ploegleider", "ROLE"),
    )
    result = quote(text, findings[1], findings, "nl")
    assert "Xandrijn" not in result and "Qwelleboom" not in result
    assert "ploegleider" in result


@settings(max_examples=60, deadline=None)
@given(
    before=st.text(alphabet="abcdefghij klmnop", max_size=40),
    number=st.from_regex(r"\+?\d[\d -]{5,14}\d", fullmatch=True),
    after=st.text(alphabet="qrstuvw xyz.", max_size=40),
)
def test_no_digit_survives_anonymisation(before, number, after):
    text = f"{before} {number} {after}"
    assert not re.search(r"\d", anonymise(text, (), "nl"))
