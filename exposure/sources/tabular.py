"""Generic CSV and JSONL files of posts: one row or line per post, the text in a
column chosen by name (default "text"); `id`, `lang`, `created_at`, `platform`,
`url` and `author` are taken along when present.
"""

from __future__ import annotations

import csv
import io
import json

from exposure.sources.dates import parse_iso
from exposure.sources.messages import SourceError
from exposure.sources.results import PostCollector

_DELIMITERS = ",;\t"
_DATE_COLUMNS = ("created_at", "date", "timestamp", "published")
_MAX_LISTED_LINES = 10


def _find_column(columns: list[str], wanted: str) -> str | None:
    for column in columns:
        if column.strip().lower() == wanted.strip().lower():
            return column
    return None


def _columns_text(columns: list[str]) -> str:
    shown = ", ".join(f"'{c}'" for c in columns[:20])
    return shown + (", ..." if len(columns) > 20 else "")


def _add_record(
    record: dict,
    text_key: str,
    number: int,
    platform: str,
    out: PostCollector,
) -> None:
    text = record.get(text_key)
    if isinstance(text, int | float) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str) or not text.strip():
        out.skip("no_text")
        return

    def field(name: str) -> str | None:
        key = _find_column(list(record), name)
        value = record.get(key) if key is not None else None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        return value.strip() if isinstance(value, str) and value.strip() else None

    date_text = next((v for v in (field(c) for c in _DATE_COLUMNS) if v), None)
    created_at = parse_iso(date_text)
    if date_text and created_at is None:
        out.bad_date()
    out.add(
        id=field("id") or f"{platform}-{number}",
        text=text,
        platform=field("platform") or platform,
        lang=field("lang") or field("language"),
        created_at=created_at,
        url=field("url"),
        author=field("author"),
    )


def header_columns(text: str) -> list[str]:
    """The cells of the first line, split on the delimiter that line uses."""
    first = text.lstrip().split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first.count)
    try:
        return next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error:
        return []


def parse_csv(text: str, name: str, out: PostCollector, text_column: str) -> None:
    first = text.lstrip().split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text.lstrip(), newline=""), delimiter=delimiter)
    try:
        header = [cell.strip() for cell in next(reader, [])]
        key = _find_column(header, text_column)
        if key is None:
            raise SourceError(
                "sources.no_text_column",
                name=name,
                column=text_column,
                columns=_columns_text(header) or "-",
            )
        rows = list(reader)
    except csv.Error as exc:
        raise SourceError("sources.csv_error", name=name, line=reader.line_num) from exc
    total = len(rows)
    for number, row in enumerate(rows, start=1):
        out.report(number, total)
        if not any(cell.strip() for cell in row):
            continue
        _add_record(dict(zip(header, row, strict=False)), key, number, "csv", out)


def parse_records(records: list, name: str, out: PostCollector, text_column: str) -> None:
    """A JSON array of objects, read like JSONL."""
    dicts = [r for r in records if isinstance(r, dict)]
    if len(dicts) < len(records):
        out.skip("malformed", len(records) - len(dicts))
    _records_with_text(dicts, name, out, text_column)


def _records_with_text(
    records: list[dict], name: str, out: PostCollector, text_column: str, numbers=None
) -> None:
    keys = {k for record in records for k in record}
    key = _find_column(sorted(keys), text_column)
    if key is None:
        raise SourceError(
            "sources.no_text_column",
            name=name,
            column=text_column,
            columns=_columns_text(sorted(keys)) or "-",
        )
    total = len(records)
    for index, record in enumerate(records):
        out.report(index + 1, total)
        number = numbers[index] if numbers else index + 1
        _add_record(record, _find_column(list(record), text_column) or key, number, "jsonl", out)


def first_line_is_object(text: str) -> bool:
    for line in text.splitlines():
        if line.strip():
            try:
                return isinstance(json.loads(line), dict)
            except (ValueError, RecursionError):
                return False
    return False


def parse_jsonl(text: str, name: str, out: PostCollector, text_column: str) -> None:
    lines = text.splitlines()
    records: list[dict] = []
    numbers: list[int] = []
    bad: list[int] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, dict):
            records.append(value)
            numbers.append(number)
        else:
            bad.append(number)
    if not records:
        raise SourceError("sources.no_valid_lines", name=name)
    if bad and bad[-1] == len(lines) and not text.endswith("\n"):
        # A cut-off download ends in half a line; say so rather than "bad line".
        bad.pop()
        out.skip("malformed")
        out.warn("sources.warn.truncated_last_line", name=name)
    if bad:
        out.skip("malformed", len(bad))
        listed = ", ".join(str(n) for n in bad[:_MAX_LISTED_LINES])
        out.warn(
            "sources.warn.bad_lines",
            count=len(bad),
            lines=listed + (", ..." if len(bad) > _MAX_LISTED_LINES else ""),
        )
    _records_with_text(records, name, out, text_column, numbers)
