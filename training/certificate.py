"""The certificate a learner receives after passing every module, as a PDF.

The verification code is random, uses only characters that cannot be mistaken for
one another when read aloud or typed over, and ends in a check character
(Luhn mod N), so a mistyped code is recognised before it is looked up.
"""

from __future__ import annotations

import calendar
import re
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from fpdf import FPDF
from stdnum import luhn

# No 0/O/Q, 1/I/L, 5/S, 2/Z, 8/B, U/V: pairs people confuse. The length is even on
# purpose: Luhn mod N only catches every single mistyped character when N is even.
CODE_ALPHABET = "34679ACDEFGHJKMNPRTWXY"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4
DEFAULT_VALID_MONTHS = 12
DEFAULT_WARN_DAYS = 30
MAX_NAME_CHARS = 120
PDF_ENCODING = "windows-1252"  # what fpdf2's core fonts can show; covers é, ë, ï, €

CertificateStatus = Literal["valid", "expiring", "expired"]

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Certificaat",
        "subtitle": "Sociale media en ondermijning",
        "intro": "Hierbij verklaren wij dat",
        "passed": "de volgende trainingsmodules met goed gevolg heeft afgerond:",
        "issued": "Datum van uitgifte",
        "expires": "Geldig tot",
        "code": "Verificatiecode",
        "verify": "De echtheid van dit certificaat kan worden nagegaan bij de beheerder "
        "van de training met de verificatiecode.",
        "company": "Namens",
    },
    "en": {
        "title": "Certificate",
        "subtitle": "Social media and organised-crime infiltration",
        "intro": "This is to certify that",
        "passed": "has successfully completed the following training modules:",
        "issued": "Date of issue",
        "expires": "Valid until",
        "code": "Verification code",
        "verify": "The authenticity of this certificate can be checked with the training "
        "administrator using the verification code.",
        "company": "On behalf of",
    },
}

MONTHS = {
    "nl": [
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ],
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
}  # fmt: skip

# Characters outside the PDF encoding that have a plain equivalent but no Unicode
# decomposition to find it by.
REPLACEMENTS = {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i", "Ħ": "H", "ħ": "h", "\u2212": "-"}


@dataclass(frozen=True)
class Certificate:
    learner_name: str
    modules: tuple[str, ...]  # module titles in the certificate's language
    issued_on: date
    expires_on: date
    code: str
    lang: str = "nl"
    company: str | None = None


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def new_verification_code() -> str:
    """Random code such as `HK7C-9TQM-4RWX`: 11 random characters and a check character."""
    body = "".join(
        secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH - 1)
    )
    raw = body + luhn.calc_check_digit(body, alphabet=CODE_ALPHABET)
    return "-".join(raw[i : i + CODE_GROUP_LENGTH] for i in range(0, len(raw), CODE_GROUP_LENGTH))


def normalise_code(text: str) -> str | None:
    """The code in canonical form (upper case, grouped), or None if it cannot be one.

    Accepts what people type: lower case, spaces or no separators at all.
    """
    raw = re.sub(r"[\s\-]", "", text or "").upper()
    if len(raw) != CODE_GROUPS * CODE_GROUP_LENGTH or any(ch not in CODE_ALPHABET for ch in raw):
        return None
    if not luhn.is_valid(raw, alphabet=CODE_ALPHABET):
        return None
    return "-".join(raw[i : i + CODE_GROUP_LENGTH] for i in range(0, len(raw), CODE_GROUP_LENGTH))


def is_valid_code_format(text: str) -> bool:
    """Could this be a code we issued? (Format and check character; not a database lookup.)"""
    return normalise_code(text) is not None


def issue_certificate(
    learner_name: str,
    module_titles: Sequence[str],
    lang: str = "nl",
    issued_on: date | None = None,
    valid_months: int = DEFAULT_VALID_MONTHS,
    company: str | None = None,
    code: str | None = None,
) -> Certificate:
    name = " ".join((learner_name or "").split())
    if not name:
        raise ValueError("a certificate needs the learner's name")
    if not module_titles:
        raise ValueError("a certificate needs at least one module")
    if valid_months < 1:
        raise ValueError("a certificate is valid for at least one month")
    if lang not in TEXTS:
        raise ValueError(f"unknown language {lang!r}")
    issued = issued_on or date.today()
    if code is not None and normalise_code(code) is None:
        raise ValueError("not a valid verification code")
    return Certificate(
        learner_name=name[:MAX_NAME_CHARS],
        modules=tuple(module_titles),
        issued_on=issued,
        expires_on=add_months(issued, valid_months),
        code=normalise_code(code) if code else new_verification_code(),  # type: ignore[arg-type]
        lang=lang,
        company=company,
    )


def certificate_status(
    expires_on: date, today: date | None = None, warn_days: int = DEFAULT_WARN_DAYS
) -> CertificateStatus:
    """`expiring` within warn_days of the expiry date, so sign-in can announce it."""
    today = today or date.today()
    if today >= expires_on:
        return "expired"
    if (expires_on - today).days <= warn_days:
        return "expiring"
    return "valid"


def format_date(day: date, lang: str) -> str:
    month = MONTHS.get(lang, MONTHS["nl"])[day.month - 1]
    return f"{day.day} {month} {day.year}"


def pdf_safe(text: str) -> str:
    """Text the core fonts can draw: keep what the encoding has, simplify the rest."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        ch = REPLACEMENTS.get(ch, ch)
        if not ch.isprintable():
            out.append(" ")
            continue
        try:
            ch.encode(PDF_ENCODING)
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        base = unicodedata.normalize("NFKD", ch)
        simple = "".join(c for c in base if not unicodedata.combining(c))
        try:
            simple.encode(PDF_ENCODING)
            out.append(simple or "?")
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out)


def certificate_pdf(certificate: Certificate, compress: bool = True) -> bytes:
    """A one-page A4 landscape PDF."""
    texts = TEXTS[certificate.lang]
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.core_fonts_encoding = PDF_ENCODING
    pdf.set_compression(compress)
    pdf.set_title(pdf_safe(f"{texts['title']} - {certificate.learner_name}"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.epw

    pdf.set_draw_color(20, 70, 120)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)

    pdf.set_y(22)
    pdf.set_font("Helvetica", "B", 30)
    pdf.cell(width, 14, pdf_safe(texts["title"]), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 15)
    pdf.cell(width, 9, pdf_safe(texts["subtitle"]), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("Helvetica", "", 12)
    pdf.cell(width, 7, pdf_safe(texts["intro"]), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 22)
    pdf.cell(
        width, 13, pdf_safe(certificate.learner_name), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Helvetica", "", 12)
    pdf.cell(width, 8, pdf_safe(texts["passed"]), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 11)
    for number, title in enumerate(certificate.modules, start=1):
        pdf.cell(width, 6, pdf_safe(f"{number}. {title}"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)

    rows = [
        (texts["issued"], format_date(certificate.issued_on, certificate.lang)),
        (texts["expires"], format_date(certificate.expires_on, certificate.lang)),
        (texts["code"], certificate.code),
    ]
    if certificate.company:
        rows.insert(0, (texts["company"], certificate.company))
    for label, value in rows:
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(width / 2, 7, pdf_safe(f"{label}:"), align="R")
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(width / 2, 7, pdf_safe(f"  {value}"), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(width, 5, pdf_safe(texts["verify"]), align="C")
    return bytes(pdf.output())
