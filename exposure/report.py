"""The employee's own exposure report as a PDF: the dossier, the riskiest posts, what to do.

    pdf_bytes = exposure_report_pdf(dossier, posts, results, person_name="Anne", lang="nl")

Post text is untrusted and may hold anything (emoji, right-to-left script,
control characters, a 10,000-character paste): it is cleaned to what the font
can draw, and long texts are shortened, so the report never fails on content.
DejaVu Sans is used where the system has it; otherwise the PDF core font, which
only knows Latin-1, with lookalikes or "?" for the rest.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from exposure.dossier import DOSSIER_SECTIONS, section_heading
from exposure.models import LABELS, RISK_LEVELS, Dossier, DossierItem, Post, PostResult

__all__ = ["DEJAVU_DIR", "exposure_report_pdf", "report_text"]

MESSAGES_PATH = Path(__file__).resolve().parent.parent / "data" / "report_messages.yaml"
UI_LANGS = ("nl", "en")
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
CORE_FONT = "Helvetica"
MAX_POST_CHARS = 1_200  # of one post quoted in full
MAX_EXCERPT_CHARS = 160  # of a post quoted under a dossier item
MAX_VALUE_CHARS = 200  # of a dossier item or finding
MAX_POSTS_PER_ITEM = 3
MAX_ITEMS_PER_SECTION = 25
MAX_RISKY_POSTS = 5
RISKY_LEVELS = ("medium", "high")

# Lookalikes for signs the core font lacks; everything else outside Latin-1 becomes "?".
_LATIN1_LOOKALIKES = {
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
    "\u2192": "->",
    "\u2212": "-",
}


@lru_cache(maxsize=1)
def _messages() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(MESSAGES_PATH.read_text(encoding="utf-8"))
    for key, texts in data.items():
        if not all(isinstance(texts, dict) and texts.get(lang) for lang in UI_LANGS):
            raise ValueError(f"{MESSAGES_PATH}: {key} lacks a text in nl and en")
    return data


def report_text(key: str, lang: str = "nl", **params: Any) -> Any:
    """A report text in `lang`, filled with `params` (lists are returned as they are)."""
    messages = _messages()
    if params.get("count") == 1 and f"{key}_one" in messages:
        key = f"{key}_one"
    texts = messages[key]
    value = texts.get(lang) or texts["nl"]
    return value.format(**params) if isinstance(value, str) else value


# --- text the font can draw --------------------------------------------------


def _printable(text: str) -> str:
    """One-line-per-paragraph text without control or invisible format characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\t", " ")
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char == "\n":
            kept.append(char)
        elif category in ("Cc", "Cs", "Co", "Cn"):
            kept.append(" ")
        elif category == "Cf" or category == "Zl" or category == "Zp":
            continue  # zero-width joiners, direction marks, BOMs
        else:
            kept.append(char)
    lines = (" ".join(line.split()) for line in "".join(kept).split("\n"))
    return "\n".join(line for line in lines if line)


def _for_core_font(char: str) -> str:
    char = _LATIN1_LOOKALIKES.get(char, char)
    try:
        char.encode("latin-1")
        return char
    except UnicodeEncodeError:
        pass
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    try:
        base.encode("latin-1")
        return base or "?"
    except UnicodeEncodeError:
        return "" if unicodedata.category(char).startswith(("S", "M")) else "?"


def _for_glyphs(glyphs: set[int]) -> Callable[[str], str]:
    def replace(char: str) -> str:
        if ord(char) in glyphs or char in " \n":
            return char
        # Symbols (emoji) and marks the font lacks are left out; a missing letter shows "?".
        return "" if unicodedata.category(char).startswith(("S", "M")) else "?"

    return replace


def _shortened(text: str, limit: int, marker: str) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[limit - 40 : limit] else text[:limit]
    return f"{cut}... {marker}"


# --- layout ------------------------------------------------------------------


class _ReportPdf(FPDF):
    footer_text: Callable[[int], str] = staticmethod(lambda page: str(page))
    family: str = CORE_FONT

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, size=8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 8, self.footer_text(self.page_no()), align="C")
        self.set_text_color(0, 0, 0)


@dataclass
class _Writer:
    pdf: _ReportPdf
    clean: Callable[[str], str]
    family: str

    def paragraph(
        self, text: str, size: float = 10, style: str = "", gap: float = 1.5, indent: float = 0
    ) -> None:
        text = self.clean(text)
        if not text:
            return
        self.pdf.set_font(self.family, style=style, size=size)
        self.pdf.set_x(self.pdf.l_margin + indent)
        self.pdf.multi_cell(
            self.pdf.epw - indent,
            size * 0.5,
            text,
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.pdf.ln(gap)

    def heading(self, text: str) -> None:
        self.pdf.ln(3)
        self.paragraph(text, size=14, style="B", gap=2)

    def table(self, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        self.pdf.set_font(self.family, size=9)
        with self.pdf.table(
            col_widths=(3, 1, 1),
            text_align=("LEFT", "RIGHT", "RIGHT"),
            line_height=5,
            first_row_as_headings=True,
            headings_style=FontFace(emphasis="BOLD", fill_color=(238, 243, 250)),
        ) as table:
            for values in (header, *rows):
                row = table.row()
                for value in values:
                    row.cell(self.clean(value))
        self.pdf.ln(2)

    def note(self, text: str) -> None:
        self.pdf.set_fill_color(238, 243, 250)
        self.pdf.set_font(self.family, style="I", size=10)
        self.pdf.multi_cell(
            self.pdf.epw,
            5,
            self.clean(text),
            align="L",
            fill=True,
            padding=2,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.pdf.ln(3)


def _new_pdf(font_dir: Path | None) -> tuple[_ReportPdf, str]:
    pdf = _ReportPdf(format="A4")
    family = CORE_FONT
    if font_dir is not None and all((font_dir / name).is_file() for name in DEJAVU_FILES.values()):
        try:
            for style, name in DEJAVU_FILES.items():
                pdf.add_font("DejaVu", style=style, fname=str(font_dir / name))
            family = "DejaVu"
        except Exception:  # an unreadable font file: the core font still works
            pdf = _ReportPdf(format="A4")
    pdf.family = family
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(18, 18, 18)
    return pdf, family


def _cleaner(pdf: FPDF, family: str) -> Callable[[str], str]:
    if family == CORE_FONT:
        per_char = _for_core_font
    else:
        pdf.set_font(family)
        per_char = _for_glyphs(set(pdf.current_font.cmap))
    cache: dict[str, str] = {}

    def clean(text: str) -> str:
        out = []
        for char in _printable(text):
            if char not in cache:
                cache[char] = per_char(char)
            out.append(cache[char])
        # Left-out symbols may leave double spaces behind.
        lines = (" ".join(line.split()) for line in "".join(out).split("\n"))
        return "\n".join(line for line in lines if line)

    return clean


# --- content -----------------------------------------------------------------


def _risk_rank(result: PostResult) -> tuple[int, float, int]:
    level = RISK_LEVELS.index(result.risk) if result.risk in RISK_LEVELS else 0
    return level, result.score, len(result.findings)


def _date(post: Post | None, lang: str) -> str:
    if post is None or post.created_at is None:
        return report_text("no_date", lang)
    return post.created_at.strftime("%Y-%m-%d")


def exposure_report_pdf(
    dossier: Dossier,
    posts: Sequence[Post],
    results: Sequence[PostResult],
    *,
    person_name: str | None,
    lang: str = "nl",
    generated_at: datetime | None = None,
    font_dir: Path | None = DEJAVU_DIR,
) -> bytes:
    """The report as PDF bytes; `posts` and `results` pair up by position.

    Only the posts of `dossier.author` count when the dossier names one.
    `font_dir=None` (or a folder without DejaVu Sans) uses the core font.
    """
    if len(posts) != len(results):
        raise ValueError("posts and results must be the same length")
    lang = lang if lang in UI_LANGS else "nl"
    generated_at = generated_at or datetime.now(UTC)
    pairs = [
        (post, result)
        for post, result in zip(posts, results, strict=True)
        if dossier.author is None or post.author == dossier.author
    ]
    post_by_id: dict[str, Post] = {}
    for post, _ in pairs:
        post_by_id.setdefault(post.id, post)

    pdf, family = _new_pdf(font_dir)
    clean = _cleaner(pdf, family)
    pdf.footer_text = lambda page: clean(report_text("footer", lang, page=page))
    writer = _Writer(pdf, clean, family)
    title = report_text("title", lang)
    pdf.set_title(clean(title))
    pdf.set_lang(lang)
    pdf.set_creator("exposure-trainer")
    pdf.set_creation_date(generated_at if generated_at.tzinfo else generated_at.replace(tzinfo=UTC))
    pdf.add_page()

    date = generated_at.strftime("%Y-%m-%d %H:%M")
    name = clean(person_name or "")[:MAX_VALUE_CHARS]
    writer.paragraph(title, size=18, style="B", gap=1)
    if name:
        writer.paragraph(report_text("subtitle", lang, name=name, date=date), style="I", gap=3)
    else:
        writer.paragraph(report_text("subtitle_anonymous", lang, date=date), style="I", gap=3)
    writer.note(report_text("awareness_note", lang))

    _summary(writer, dossier, pairs, lang)
    _dossier(writer, dossier, post_by_id, lang)
    _riskiest(writer, pairs, lang)
    writer.heading(report_text("todo_heading", lang))
    for advice in report_text("what_to_do", lang):
        writer.paragraph(f"- {advice}", gap=1, indent=2)
    return bytes(pdf.output())


def _summary(
    writer: _Writer, dossier: Dossier, pairs: list[tuple[Post, PostResult]], lang: str
) -> None:
    writer.heading(report_text("summary_heading", lang))
    count = dossier.post_count or len(pairs)
    writer.paragraph(report_text("summary_posts", lang, count=count), gap=1)
    risk = report_text(f"risk_{dossier.risk}", lang) if dossier.risk in RISK_LEVELS else "?"
    writer.paragraph(report_text("summary_risk", lang, risk=risk), style="B", gap=1)

    levels = Counter(result.risk for _, result in pairs)
    shown = ", ".join(
        f"{report_text(f'risk_{level}', lang)} {levels[level]}"
        for level in reversed(RISK_LEVELS)
        if levels[level]
    )
    if shown:
        writer.paragraph(report_text("summary_risk_levels", lang, levels=shown), gap=2)

    findings: Counter[str] = Counter()
    posts_with: dict[str, set[int]] = defaultdict(set)
    for index, (_, result) in enumerate(pairs):
        for finding in result.findings:
            findings[finding.label] += 1
            posts_with[finding.label].add(index)
    if not findings:
        writer.paragraph(report_text("summary_nothing", lang))
        return
    writer.paragraph(report_text("summary_labels", lang), gap=1)
    ordered = [label for label, _, _ in DOSSIER_SECTIONS]
    ordered += [label for label in LABELS if label not in ordered]
    rows = [
        (section_heading(label, lang), str(findings[label]), str(len(posts_with[label])))
        for label in ordered + sorted(set(findings) - set(ordered))
        if findings[label]
    ]
    writer.table(
        (
            report_text("table_label", lang),
            report_text("table_findings", lang),
            report_text("table_posts", lang),
        ),
        rows,
    )
    if dossier.reasons:
        writer.pdf.ln(1.5)
        writer.paragraph(report_text("summary_reasons", lang), gap=1)
        for reason in dossier.reasons:
            writer.paragraph(f"- {reason}", gap=0.5, indent=2)


def _dossier(writer: _Writer, dossier: Dossier, post_by_id: dict[str, Post], lang: str) -> None:
    writer.heading(report_text("dossier_heading", lang))
    if not dossier.items:
        writer.paragraph(report_text("dossier_empty", lang))
        return
    writer.paragraph(report_text("dossier_intro", lang), gap=2)
    by_label: dict[str, list[DossierItem]] = defaultdict(list)
    for item in dossier.items:
        by_label[item.label].append(item)
    marker = report_text("text_shortened", lang)
    for label, items in by_label.items():
        writer.paragraph(section_heading(label, lang), size=12, style="B", gap=1)
        for item in items[:MAX_ITEMS_PER_SECTION]:
            value = _shortened(" ".join(item.value.split()), MAX_VALUE_CHARS, marker)
            line = report_text("dossier_item", lang, value=value, count=len(item.post_ids))
            writer.paragraph(line, style="B", gap=0.5, indent=2)
            for post_id in item.post_ids[:MAX_POSTS_PER_ITEM]:
                post = post_by_id.get(post_id)
                if post is None:
                    continue
                excerpt = _shortened(" ".join(post.text.split()), MAX_EXCERPT_CHARS, marker)
                writer.paragraph(
                    f"{_date(post, lang)}: \u201c{excerpt}\u201d", size=9, gap=0.5, indent=6
                )
            hidden = len(item.post_ids) - MAX_POSTS_PER_ITEM
            if hidden > 0:
                more = report_text("dossier_more_posts", lang, count=hidden)
                writer.paragraph(more, size=9, style="I", gap=0.5, indent=6)
            writer.pdf.ln(1)
        if len(items) > MAX_ITEMS_PER_SECTION:
            more = report_text("dossier_more_items", lang, count=len(items) - MAX_ITEMS_PER_SECTION)
            writer.paragraph(more, size=9, style="I", indent=2)
        writer.pdf.ln(2)


def _riskiest(writer: _Writer, pairs: list[tuple[Post, PostResult]], lang: str) -> None:
    writer.heading(report_text("risky_heading", lang))
    risky = [pair for pair in pairs if pair[1].risk in RISKY_LEVELS]
    risky.sort(key=lambda pair: _risk_rank(pair[1]), reverse=True)
    if not risky:
        writer.paragraph(report_text("risky_none", lang))
        return
    marker = report_text("text_shortened", lang)
    for post, result in risky[:MAX_RISKY_POSTS]:
        risk = report_text(f"risk_{result.risk}", lang)
        writer.paragraph(
            report_text("risky_post", lang, date=_date(post, lang), risk=risk),
            size=11,
            style="B",
            gap=1,
        )
        writer.paragraph(_shortened(post.text, MAX_POST_CHARS, marker), gap=1, indent=2)
        details = "; ".join(
            f"{section_heading(f.label, lang)}: {_shortened(' '.join(f.text.split()), 80, '')}"
            for f in result.findings
        )
        if details:
            found = report_text("risky_found", lang, details=details)
            writer.paragraph(found, size=9, style="I", gap=1, indent=2)
        rewrite = (result.rewrite or "").strip()
        if rewrite and rewrite != post.text.strip():
            safer = _shortened(rewrite, MAX_POST_CHARS, marker)
            writer.paragraph(report_text("risky_rewrite", lang, text=safer), gap=3, indent=2)
        else:
            writer.pdf.ln(2)
