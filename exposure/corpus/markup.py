"""Parse the inline `[[span text|LABEL]]` markup of hand-written corpus files.

A file holds blocks separated by a line containing only `---`. Each block starts
with a header line `@ lang=nl` or `@ lang=en` (optionally `style=chat`), followed
by the post text. Errors name the file and line, because the files are written by
hand and a traceback would not say where the typo is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from exposure.models import LABELS

LANGS = ("nl", "en")
# One hand-written file is a few hundred posts; anything far larger is a mistake.
MAX_FILE_BYTES = 5_000_000
MAX_POST_CHARS = 5_000

_SEPARATOR = "---"
_OPEN, _CLOSE = "[[", "]]"
_HEADER_FIELD = re.compile(r"^([a-z]+)=(\S+)$")


class MarkupError(ValueError):
    """Malformed corpus markup, with the place it was found."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Span:
    start: int  # Python string offsets into CorpusPost.text
    end: int
    label: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "label": self.label}


@dataclass(frozen=True)
class CorpusPost:
    text: str
    lang: str
    spans: tuple[Span, ...] = ()
    style: str | None = None
    source: str = "<string>"
    line: int = 1  # line of the block header, for messages
    meta: dict = field(default_factory=dict, compare=False)


def parse_markup(text: str, source: str = "<string>") -> list[CorpusPost]:
    """Parse a whole corpus file into posts; raise MarkupError on the first problem."""
    if "\x00" in text:
        raise MarkupError(source, 1, "file contains NUL bytes; is it a binary file?")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    posts: list[CorpusPost] = []
    block: list[str] = []
    block_start = 1
    for number, line in enumerate(lines, start=1):
        if line.strip() == _SEPARATOR:
            if _has_content(block):
                posts.append(_parse_block(block, source, block_start))
            block, block_start = [], number + 1
        else:
            if not block and not line.strip():
                block_start = number + 1  # skip blank lines before a header
                continue
            block.append(line)
    if _has_content(block):
        posts.append(_parse_block(block, source, block_start))
    return posts


def parse_file(path: Path) -> list[CorpusPost]:
    """Read and parse one hand-written corpus file with clear errors for bad bytes."""
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise MarkupError(str(path), 1, f"file is larger than {MAX_FILE_BYTES} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise MarkupError(str(path), line, f"not valid UTF-8 (byte {exc.start})") from None
    return parse_markup(text, source=str(path))


def parse_post(markup: str, lang: str, source: str = "<string>", line: int = 1) -> CorpusPost:
    """Parse the markup of one post body (no header), e.g. a filled template."""
    text, spans = _parse_body(markup, source, line)
    return CorpusPost(text=text, lang=lang, spans=tuple(spans), source=source, line=line)


def _has_content(block: list[str]) -> bool:
    return any(line.strip() for line in block)


def _parse_block(block: list[str], source: str, start_line: int) -> CorpusPost:
    header = block[0].strip()
    if not header.startswith("@"):
        raise MarkupError(
            source, start_line, f"post must start with a header like '@ lang=nl', got {header!r}"
        )
    fields = _parse_header(header[1:], source, start_line)
    lang = fields.get("lang")
    if lang not in LANGS:
        raise MarkupError(source, start_line, f"header needs lang=nl or lang=en, got {header!r}")
    body_lines = block[1:]
    while body_lines and not body_lines[-1].strip():
        body_lines.pop()
    while body_lines and not body_lines[0].strip():
        body_lines.pop(0)
        start_line += 1
    body = "\n".join(body_lines)
    if not body.strip():
        raise MarkupError(source, start_line, "post has a header but no text")
    text, spans = _parse_body(body, source, start_line + 1)
    if len(text) > MAX_POST_CHARS:
        raise MarkupError(source, start_line, f"post is longer than {MAX_POST_CHARS} characters")
    return CorpusPost(
        text=text,
        lang=lang,
        spans=tuple(spans),
        style=fields.get("style"),
        source=source,
        line=start_line,
    )


def _parse_header(header: str, source: str, line: int) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in header.split():
        match = _HEADER_FIELD.match(part)
        if not match or match.group(1) not in ("lang", "style"):
            raise MarkupError(source, line, f"unknown header field {part!r} (use lang=, style=)")
        fields[match.group(1)] = match.group(2)
    return fields


def _parse_body(body: str, source: str, first_line: int) -> tuple[str, list[Span]]:
    """Strip the markup from one post body and return its text and spans."""
    out: list[str] = []
    spans: list[Span] = []
    length = 0  # length of the plain text produced so far
    pos = 0
    while pos < len(body):
        open_at = body.find(_OPEN, pos)
        close_at = body.find(_CLOSE, pos)
        if close_at != -1 and (open_at == -1 or close_at < open_at):
            raise MarkupError(source, _line_of(body, close_at, first_line), "']]' without '[['")
        if open_at == -1:
            out.append(body[pos:])
            break
        out.append(body[pos:open_at])
        length += open_at - pos
        line = _line_of(body, open_at, first_line)
        end_at = body.find(_CLOSE, open_at + 2)
        if end_at == -1:
            raise MarkupError(source, line, "'[[' is never closed with ']]'")
        inner = body[open_at + 2 : end_at]
        if _OPEN in inner:
            raise MarkupError(source, line, "spans must not nest ('[[' inside a span)")
        if "|" not in inner:
            raise MarkupError(source, line, f"span {inner!r} has no '|LABEL'")
        span_text, label = inner.rsplit("|", 1)
        if label not in LABELS:
            raise MarkupError(
                source, line, f"unknown label {label!r}; use one of {', '.join(LABELS)}"
            )
        if not span_text.strip():
            raise MarkupError(source, line, f"empty span for label {label}")
        if span_text != span_text.strip():
            raise MarkupError(
                source, line, f"span {span_text!r} starts or ends with whitespace; move it out"
            )
        if "\n" in span_text:
            raise MarkupError(source, line, f"span {span_text!r} runs over a line break")
        spans.append(Span(length, length + len(span_text), label))
        out.append(span_text)
        length += len(span_text)
        pos = end_at + 2
    return "".join(out), spans


def _line_of(body: str, index: int, first_line: int) -> int:
    return first_line + body.count("\n", 0, index)
