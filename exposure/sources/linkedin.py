"""LinkedIn data export: Shares.csv (Date, ShareLink, ShareCommentary, SharedUrl,
MediaUrl, Visibility). Commentary spans several lines inside quotes, and some
exports start with a `Notes:` block before the header row.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import unquote

from exposure.sources.dates import parse_utc_naive
from exposure.sources.messages import SourceError
from exposure.sources.results import PostCollector

PLATFORM = "linkedin"
HEADER_MARK = "ShareCommentary"
_URN = re.compile(r"urn:li:(?:share|activity|ugcPost):(\d+)")
_HEAD_LINES = 40  # the notes block is a few lines; the header follows soon after


def has_shares_header(text: str) -> bool:
    head = "\n".join(text.splitlines()[:_HEAD_LINES])
    return HEADER_MARK in head


def parse_shares(text: str, name: str, out: PostCollector) -> None:
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[list[str]] = []
    try:
        for row in reader:
            if header is None:
                cells = [cell.strip() for cell in row]
                if HEADER_MARK in cells:
                    header = cells
                continue
            if any(cell.strip() for cell in row):
                rows.append(row)
    except csv.Error as exc:
        raise SourceError("sources.csv_error", name=name, line=reader.line_num) from exc
    if header is None:
        raise SourceError(
            "sources.unexpected_shape", name=name, platform="LinkedIn", detail=HEADER_MARK
        )
    column = {label: index for index, label in enumerate(header)}

    def cell(row: list[str], label: str) -> str:
        index = column.get(label)
        return row[index] if index is not None and index < len(row) else ""

    total = len(rows)
    for done, row in enumerate(rows, start=1):
        out.report(done, total)
        commentary = cell(row, HEADER_MARK)
        if not commentary.strip():
            out.skip("no_text")
            continue
        link = cell(row, "ShareLink").strip()
        urn = _URN.search(unquote(link))
        date_text = cell(row, "Date")
        created_at = parse_utc_naive(date_text)
        if created_at is None and date_text.strip():
            out.bad_date()
        out.add(
            id=f"linkedin-{urn.group(1)}" if urn else f"linkedin-row{done}",
            text=commentary,
            platform=PLATFORM,
            created_at=created_at,
            url=link or None,
        )
