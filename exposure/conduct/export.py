"""Export a rule set (or a proposal) as Markdown, DOCX or PDF; every function returns bytes.

Both kinds of input are first turned into one plain `ExportDocument`, so the three
renderers share one layout: title with the company name, version and date, then
each rule with its text, why it matters and a do and a don't example.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from exposure.conduct.proposal import Proposal
from exposure.conduct.ruleset import RuleSet

FORMATS: tuple[str, ...] = ("md", "docx", "pdf")

_MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_LABELS = {
    "nl": {
        "title": "Gedragsregels sociale media",
        "proposal_title": "Voorstel gedragsregels sociale media",
        "version": "Versie {version}, gepubliceerd op {date} door {by}",
        "draft": "Concept voor versie {version}, nog niet gepubliceerd ({date})",
        "proposal": "Voorstel van {date}, op basis van {posts} gescande berichten",
        "proposal_shared": "en {shared} gedeelde tellingen van medewerkers",
        "why": "Waarom",
        "do": "Wel",
        "dont": "Niet",
        "reasons": "Waarom voorgesteld",
        "quotes": "Voorbeelden (geanonimiseerd)",
        "intro": (
            "Deze regels helpen je om op sociale media niets te delen waar criminelen "
            "{company} of jou mee kunnen raken. Ze gelden voor je eigen accounts, "
            "ook buiten werktijd."
        ),
        "proposal_intro": (
            "Dit voorstel is gemaakt uit wat de scan vond. Het is een concept voor HR: "
            "accepteer, wijzig of schrap regels voordat je ze publiceert. De uitkomsten zijn "
            "bedoeld voor bewustwording, nooit voor beoordeling van medewerkers."
        ),
        "page": "Pagina",
    },
    "en": {
        "title": "Social-media conduct rules",
        "proposal_title": "Proposed social-media conduct rules",
        "version": "Version {version}, published on {date} by {by}",
        "draft": "Draft of version {version}, not yet published ({date})",
        "proposal": "Proposal of {date}, based on {posts} scanned posts",
        "proposal_shared": "and {shared} counts shared by employees",
        "why": "Why",
        "do": "Do",
        "dont": "Don't",
        "reasons": "Why proposed",
        "quotes": "Examples (anonymised)",
        "intro": (
            "These rules help you share nothing on social media that criminals could use "
            "against {company} or you. They apply to your own accounts, also outside working hours."
        ),
        "proposal_intro": (
            "This proposal was made from what the scan found. It is a draft for HR: accept, "
            "edit or drop rules before publishing them. The results are meant for awareness, "
            "never for appraising employees."
        ),
        "page": "Page",
    },
}


@dataclass(frozen=True)
class ExportRule:
    number: int
    title: str
    rule: str
    why: str = ""
    do: str = ""
    dont: str = ""
    reasons: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()  # untrusted text from posts (already anonymised)


@dataclass(frozen=True)
class ExportDocument:
    lang: str
    title: str
    company: str
    subtitle: str
    intro: str
    rules: tuple[ExportRule, ...] = field(default=())

    @property
    def words(self) -> dict[str, str]:
        return _LABELS[self.lang]


def format_date(moment: datetime | None, lang: str) -> str:
    if moment is None:
        return "-"
    months = _MONTHS_EN if lang == "en" else _MONTHS_NL
    return f"{moment.day} {months[moment.month - 1]} {moment.year}"


def _lang(lang: str) -> str:
    if lang not in _LABELS:
        raise ValueError(f"lang must be one of {tuple(_LABELS)}, got {lang!r}")
    return lang


def ruleset_document(ruleset: RuleSet, lang: str = "nl") -> ExportDocument:
    """The document for a rule set: for a draft, only what would be published."""
    lang = _lang(lang)
    words = _LABELS[lang]
    company = ruleset.company or ("ons bedrijf" if lang == "nl" else "our company")
    if ruleset.is_draft:
        subtitle = words["draft"].format(
            version=ruleset.version, date=format_date(ruleset.created_at, lang)
        )
    else:
        subtitle = words["version"].format(
            version=ruleset.version,
            date=format_date(ruleset.published_at, lang),
            by=ruleset.published_by,
        )
    rules = tuple(
        ExportRule(
            number=number,
            title=rule.content(lang).title,
            rule=rule.content(lang).rule,
            why=rule.content(lang).why,
            do=rule.content(lang).do,
            dont=rule.content(lang).dont,
        )
        for number, rule in enumerate(ruleset.accepted(), start=1)
    )
    return ExportDocument(
        lang=lang,
        title=f"{words['title']}: {company}" if ruleset.company else words["title"],
        company=ruleset.company,
        subtitle=subtitle,
        intro=words["intro"].format(company=company),
        rules=rules,
    )


def proposal_document(proposal: Proposal) -> ExportDocument:
    """The document for a proposal: every proposed rule with its reasons and quotes."""
    lang = _lang(proposal.lang)
    words = _LABELS[lang]
    subtitle = words["proposal"].format(
        date=format_date(proposal.generated_at, lang), posts=proposal.total_posts
    )
    if proposal.shared_total:
        subtitle += " " + words["proposal_shared"].format(shared=proposal.shared_total)
    company = proposal.terms.company
    rules = tuple(
        ExportRule(
            number=rule.rank,
            title=rule.text(lang).title,
            rule=rule.text(lang).rule,
            why=rule.text(lang).why,
            do=rule.text(lang).do,
            dont=rule.text(lang).dont,
            reasons=tuple(rule.reasons[lang]),
            quotes=rule.quotes,
        )
        for rule in proposal.rules
    )
    intro = words["proposal_intro"]
    if proposal.notes:
        intro += " " + " ".join(proposal.notes)
    return ExportDocument(
        lang=lang,
        title=f"{words['proposal_title']}: {company}" if company else words["proposal_title"],
        company=company or "",
        subtitle=subtitle + ".",
        intro=intro,
        rules=rules,
    )


# --- Markdown -----------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^([#+\-=]|\d+[.)])")


def _md_escape(text: str) -> str:
    """Escape Markdown and HTML so untrusted text shows as text wherever it is rendered."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(r"\\\1", text)


def to_markdown(document: ExportDocument) -> bytes:
    words = document.words
    lines = [f"# {_md_escape(document.title)}", "", f"*{_md_escape(document.subtitle)}*", ""]
    lines += [_md_escape(document.intro), ""]
    for rule in document.rules:
        lines += [f"## {rule.number}. {_md_escape(rule.title)}", "", _md_escape(rule.rule), ""]
        if rule.why:
            lines += [f"**{words['why']}:** {_md_escape(rule.why)}", ""]
        if rule.do:
            lines += [f"- **{words['do']}:** {_md_escape(rule.do)}"]
        if rule.dont:
            lines += [f"- **{words['dont']}:** {_md_escape(rule.dont)}"]
        if rule.do or rule.dont:
            lines.append("")
        if rule.reasons:
            lines += [f"**{words['reasons']}:**", ""]
            lines += [f"- {_md_escape(reason)}" for reason in rule.reasons]
            lines.append("")
        if rule.quotes:
            lines += [f"**{words['quotes']}:**", ""]
            lines += [f"> {_md_escape(text)}" for text in rule.quotes]
            lines.append("")
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


# --- DOCX ---------------------------------------------------------------------

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _docx_text(text: str) -> str:
    # Word refuses control characters; posts sometimes contain them.
    return _XML_INVALID.sub("", text)


def to_docx(document: ExportDocument) -> bytes:
    from docx import Document
    from docx.shared import Pt

    words = document.words
    doc = Document()
    doc.core_properties.title = _docx_text(document.title)
    doc.core_properties.language = document.lang
    doc.add_heading(_docx_text(document.title), level=0)
    subtitle = doc.add_paragraph()
    subtitle.add_run(_docx_text(document.subtitle)).italic = True
    doc.add_paragraph(_docx_text(document.intro))
    for rule in document.rules:
        doc.add_heading(_docx_text(f"{rule.number}. {rule.title}"), level=1)
        doc.add_paragraph(_docx_text(rule.rule))
        for key, value in (("why", rule.why), ("do", rule.do), ("dont", rule.dont)):
            if not value:
                continue
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{words[key]}: ").bold = True
            paragraph.add_run(_docx_text(value))
        if rule.reasons:
            doc.add_paragraph().add_run(words["reasons"]).bold = True
            for reason in rule.reasons:
                doc.add_paragraph(_docx_text(reason), style="List Bullet")
        if rule.quotes:
            doc.add_paragraph().add_run(words["quotes"]).bold = True
            for text in rule.quotes:
                run = doc.add_paragraph(style="Quote").add_run(_docx_text(text))
                run.font.size = Pt(10)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --- PDF ----------------------------------------------------------------------

_LATIN1_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": ",",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u2022": "-",
    "\u20ac": "EUR",
    "\u00a0": " ",
    "\u2192": "->",
    "\u2212": "-",
}


def latin1(text: str) -> str:
    """Text the PDF core fonts can draw: lookalikes for common signs, '?' for the rest."""
    out: list[str] = []
    for char in text:
        char = _LATIN1_REPLACEMENTS.get(char, char)
        try:
            char.encode("latin-1")
            out.append(char if char.isprintable() or char == "\n" else " ")
        except UnicodeEncodeError:
            stripped = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            try:
                stripped.encode("latin-1")
                out.append(stripped or "?")
            except UnicodeEncodeError:
                out.append("?")
    return "".join(out)


def to_pdf(document: ExportDocument) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    words = document.words

    class _Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.cell(
                0, 8, latin1(f"{document.title} - {words['page']} {self.page_no()}"), align="C"
            )

    pdf = _Pdf(format="A4")
    pdf.set_title(latin1(document.title))
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    width = pdf.epw

    def paragraph(text: str, size: float = 10, style: str = "", gap: float = 1.5) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(width, size * 0.5, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    paragraph(document.title, size=17, style="B", gap=2)
    paragraph(document.subtitle, size=10, style="I", gap=3)
    paragraph(document.intro, gap=4)
    for rule in document.rules:
        paragraph(f"{rule.number}. {rule.title}", size=12, style="B")
        paragraph(rule.rule)
        for key, value in (("why", rule.why), ("do", rule.do), ("dont", rule.dont)):
            if value:
                paragraph(f"{words[key]}: {value}", gap=1)
        if rule.reasons:
            paragraph(words["reasons"], style="B", gap=0.5)
            for reason in rule.reasons:
                paragraph(f"- {reason}", size=9, gap=0.5)
        if rule.quotes:
            paragraph(words["quotes"], style="B", gap=0.5)
            for text in rule.quotes:
                paragraph(f'"{text}"', size=9, style="I", gap=0.5)
        pdf.ln(3)
    return bytes(pdf.output())


_RENDERERS = {"md": to_markdown, "docx": to_docx, "pdf": to_pdf}


def render(document: ExportDocument, fmt: str) -> bytes:
    if fmt not in _RENDERERS:
        raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
    return _RENDERERS[fmt](document)


def export_ruleset(ruleset: RuleSet, fmt: str, lang: str = "nl") -> bytes:
    """A rule set as Markdown, DOCX or PDF bytes."""
    return render(ruleset_document(ruleset, lang), fmt)


def export_markdown(ruleset: RuleSet, lang: str = "nl") -> bytes:
    return export_ruleset(ruleset, "md", lang)


def export_docx(ruleset: RuleSet, lang: str = "nl") -> bytes:
    return export_ruleset(ruleset, "docx", lang)


def export_pdf(ruleset: RuleSet, lang: str = "nl") -> bytes:
    return export_ruleset(ruleset, "pdf", lang)


def export_proposal(proposal: Proposal, fmt: str) -> bytes:
    """A proposal (with reasons and anonymised quotes) as Markdown, DOCX or PDF bytes."""
    return render(proposal_document(proposal), fmt)
