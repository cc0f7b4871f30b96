"""Read posts for the batch CLI from CSV or JSONL, defensively.

Each line that cannot be used gets a message naming its line number and is
skipped; the rest are still scanned. A file that cannot be used at all (no
`id`/`text` columns, not text, too large) raises InputError.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from exposure.models import Post

MAX_INPUT_BYTES = 256 * 1024 * 1024
LANG_VALUES = ("nl", "en")
csv.field_size_limit(16 * 1024 * 1024)


class InputError(ValueError):
    """The whole input is unusable; the message says why."""


@dataclass
class ReadResult:
    posts: list[Post] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line N: ..." messages


def detect_format(name: str, data: bytes) -> str:
    lower = name.lower()
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "jsonl" if head == b"{" else "csv"


def read_posts(data: bytes, name: str = "-", fmt: str | None = None) -> ReadResult:
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: input larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    if not data.strip():
        raise InputError(f"{name}: input is empty")
    fmt = fmt or detect_format(name, data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if fmt == "jsonl":
        return _read_jsonl(data, name)
    return _read_csv(data, name)


def _decode_line(raw: bytes) -> tuple[str | None, str | None]:
    if b"\x00" in raw:
        return None, "contains binary data (NUL bytes)"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 (byte {exc.start + 1})"


def _lang(value: object) -> str | None:
    return value if isinstance(value, str) and value in LANG_VALUES else None


def _read_jsonl(data: bytes, name: str) -> ReadResult:
    result = ReadResult()
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        line, problem = _decode_line(raw.rstrip(b"\r"))
        if problem is None:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                problem = f"not valid JSON ({exc.msg}, column {exc.colno})"
        if problem is None and not isinstance(obj, dict):
            problem = "expected a JSON object with 'id' and 'text'"
        if problem is None:
            post_id, text = obj.get("id"), obj.get("text")
            if post_id is None or isinstance(post_id, bool) or not isinstance(post_id, str | int):
                problem = "missing 'id' (text or number)"
            elif not isinstance(text, str):
                problem = "missing 'text' (a string)"
            elif str(post_id).strip() == "":
                problem = "empty 'id'"
        if problem is not None:
            result.problems.append(f"{name}: line {number}: {problem}")
            continue
        author = obj.get("author")
        result.posts.append(
            Post(
                id=str(post_id),
                text=text,
                lang=_lang(obj.get("lang")),
                platform=obj.get("platform") if isinstance(obj.get("platform"), str) else None,
                url=obj.get("url") if isinstance(obj.get("url"), str) else None,
                author=author if isinstance(author, str) else None,
            )
        )
    if not result.posts and result.problems:
        raise InputError("\n".join(result.problems[:20] + [f"{name}: no usable lines"]))
    return result


def _read_csv(data: bytes, name: str) -> ReadResult:
    result = ReadResult()
    bad_lines: dict[int, str] = {}
    clean_lines = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        line, problem = _decode_line(raw)
        if problem is not None:
            bad_lines[number] = problem
            line = raw.replace(b"\x00", b"").decode("utf-8", errors="replace")
        clean_lines.append(line)
    if len(bad_lines) > max(3, len(clean_lines) // 2):
        raise InputError(f"{name}: not a text file (binary or not UTF-8 on most lines)")
    reader = csv.reader(io.StringIO("\n".join(clean_lines), newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise InputError(f"{name}: line 1: cannot read the CSV header ({exc})") from None
    if 1 in bad_lines:
        raise InputError(f"{name}: line 1: header {bad_lines[1]}")
    columns = [h.strip().lower() for h in header]
    missing = [c for c in ("id", "text") if c not in columns]
    if missing:
        raise InputError(
            f"{name}: line 1: the header lacks column(s) {', '.join(missing)}"
            f" (found: {', '.join(columns) or 'none'})"
        )
    pos = {c: columns.index(c) for c in ("id", "text", "lang", "author") if c in columns}
    first_line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.problems.append(f"{name}: line {first_line}: broken CSV ({exc})")
            first_line = reader.line_num + 1
            continue
        span = range(first_line, reader.line_num + 1)
        number = first_line
        first_line = reader.line_num + 1
        if not row or all(not cell.strip() for cell in row):
            continue
        bad = [bad_lines[n] for n in span if n in bad_lines]
        if bad:
            result.problems.append(f"{name}: line {number}: {bad[0]}")
            continue
        if len(row) <= max(pos["id"], pos["text"]):
            result.problems.append(f"{name}: line {number}: too few fields (missing id or text)")
            continue
        post_id = row[pos["id"]].strip()
        if not post_id:
            result.problems.append(f"{name}: line {number}: empty id")
            continue
        lang = row[pos["lang"]].strip() if "lang" in pos and len(row) > pos["lang"] else None
        author = (
            row[pos["author"]].strip() if "author" in pos and len(row) > pos["author"] else None
        )
        result.posts.append(
            Post(id=post_id, text=row[pos["text"]], lang=_lang(lang), author=author or None)
        )
    if not result.posts and result.problems:
        raise InputError("\n".join(result.problems[:20] + [f"{name}: no usable rows"]))
    return result
