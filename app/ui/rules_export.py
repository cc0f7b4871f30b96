"""A rule-set version as a file to download: Markdown, Word (DOCX) or PDF."""

from __future__ import annotations

import re
from dataclasses import dataclass

from exposure.conduct import RuleSet, export_ruleset

FORMATS: tuple[str, ...] = ("md", "docx", "pdf")
MIME_TYPES = {
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
FILE_STEMS = {"nl": "gedragsregels", "en": "conduct-rules"}


@dataclass(frozen=True)
class ExportFile:
    name: str
    mime: str
    data: bytes


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def file_name(ruleset: RuleSet, fmt: str, lang: str) -> str:
    company = _slug(ruleset.company)
    stem = FILE_STEMS.get(lang, FILE_STEMS["nl"])
    kind = f"v{ruleset.version}" if not ruleset.is_draft else f"v{ruleset.version}-draft"
    return "-".join(part for part in (stem, company, kind, lang) if part) + f".{fmt}"


def export_file(ruleset: RuleSet, fmt: str, lang: str) -> ExportFile:
    """The file for one format; ValueError for an unknown format or language."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
    return ExportFile(
        name=file_name(ruleset, fmt, lang),
        mime=MIME_TYPES[fmt],
        data=export_ruleset(ruleset, fmt, lang),
    )
