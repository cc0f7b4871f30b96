"""The certificate PDF, its verification code and its expiry."""

from __future__ import annotations

import re
import zlib
from datetime import date

import pytest

from training.certificate import (
    CODE_ALPHABET,
    add_months,
    certificate_pdf,
    certificate_status,
    is_valid_code_format,
    issue_certificate,
    new_verification_code,
    normalise_code,
    pdf_safe,
)

MODULES_NL = ["Wat is ondermijning?", "Veilig posten", "Melden is geen klikken"]


def _page_bytes(pdf: bytes) -> bytes:
    """Every content stream of the PDF, inflated where it is compressed."""
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            chunks.append(stream)
    return b"\n".join(chunks)


def test_codes_are_well_formed_and_use_no_lookalike_characters():
    codes = {new_verification_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
        assert set(code.replace("-", "")) <= set(CODE_ALPHABET)
        assert is_valid_code_format(code)
    assert not set("01IOQLSZB8UV") & set(CODE_ALPHABET)


def test_a_mistyped_code_is_recognised():
    code = new_verification_code()
    raw = code.replace("-", "")
    for position in range(len(raw)):
        for replacement in CODE_ALPHABET:
            if replacement != raw[position]:
                typo = raw[:position] + replacement + raw[position + 1 :]
                assert not is_valid_code_format(typo)


def test_codes_are_accepted_as_people_type_them():
    code = new_verification_code()
    assert normalise_code(code.lower().replace("-", " ")) == code
    assert normalise_code(code.replace("-", "")) == code
    for bad in ("", "ABC", code + "X", "0000-0000-0000"):
        assert not is_valid_code_format(bad)


def test_expiry_defaults_to_twelve_months_and_is_configurable():
    cert = issue_certificate("Jan de Vries", MODULES_NL, issued_on=date(2026, 3, 15))
    assert cert.expires_on == date(2027, 3, 15)
    short = issue_certificate("Jan", MODULES_NL, issued_on=date(2026, 3, 15), valid_months=6)
    assert short.expires_on == date(2026, 9, 15)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)
    with pytest.raises(ValueError):
        issue_certificate("Jan", MODULES_NL, valid_months=0)


def test_status_announces_expiry_in_time():
    expires = date(2026, 6, 30)
    assert certificate_status(expires, today=date(2026, 5, 1)) == "valid"
    assert certificate_status(expires, today=date(2026, 6, 1)) == "expiring"
    assert certificate_status(expires, today=date(2026, 6, 30)) == "expired"
    assert certificate_status(expires, today=date(2026, 5, 1), warn_days=60) == "expiring"


def test_pdf_holds_name_modules_dates_and_code_with_dutch_characters():
    cert = issue_certificate(
        "Zoë van den Brïnk-Noël",
        MODULES_NL,
        lang="nl",
        issued_on=date(2026, 3, 2),
        company="Noordchem",
    )
    pdf = certificate_pdf(cert, compress=False)
    assert pdf.startswith(b"%PDF")
    assert "Zoë van den Brïnk-Noël".encode("windows-1252") in pdf
    for title in MODULES_NL:
        assert title.encode("windows-1252") in pdf
    assert cert.code.encode() in pdf
    assert b"2 maart 2026" in pdf and b"2 maart 2027" in pdf
    assert b"Verificatiecode" in pdf


def test_compressed_pdf_holds_the_same_text_in_english():
    cert = issue_certificate(
        "René Müller", ["Posting safely"], lang="en", issued_on=date(2026, 1, 5)
    )
    pdf = certificate_pdf(cert)
    assert pdf.startswith(b"%PDF")
    text = _page_bytes(pdf)
    assert "René Müller".encode("windows-1252") in text
    assert b"5 January 2027" in text and b"Verification code" in text


def test_characters_outside_the_font_are_replaced_not_fatal():
    assert pdf_safe("Łukasz Żółć") == "Lukasz Zólc"
    assert pdf_safe("Ahmet “Ali” Öz − 🚀") == "Ahmet “Ali” Öz - ?"
    cert = issue_certificate("Łukasz 王 🚀", MODULES_NL, issued_on=date(2026, 3, 2))
    pdf = certificate_pdf(cert, compress=False)
    assert b"Lukasz ? ?" in pdf


def test_a_certificate_needs_a_name_and_modules():
    with pytest.raises(ValueError):
        issue_certificate("   ", MODULES_NL)
    with pytest.raises(ValueError):
        issue_certificate("Jan", [])
    with pytest.raises(ValueError):
        issue_certificate("Jan", MODULES_NL, code="not-a-code")
