"""Bytes to text, and text to JSON, for files whose encoding nobody promised.

Exports are meant to be UTF-8, but files pass through spreadsheets and editors on
the way, so a stray Windows-1252 byte is read as such (and counted for a warning)
instead of failing the whole file or silently becoming a replacement character.
"""

from __future__ import annotations

import codecs
import json
import re

from exposure.sources.messages import SourceError

# Undecodable bytes become lone surrogates under "surrogateescape"; each maps back to
# the Windows-1252 character for that byte (or the Latin-1 one where 1252 has a hole).
_SURROGATE = re.compile("[\udc80-\udcff]")
_CP1252 = {}
for _byte in range(0x80, 0x100):
    try:
        _CP1252[chr(0xDC00 + _byte)] = bytes([_byte]).decode("cp1252")
    except UnicodeDecodeError:
        _CP1252[chr(0xDC00 + _byte)] = chr(_byte)

# More undecodable bytes than this share means the file is not text at all.
_MAX_BAD_SHARE = 0.05


def decode_text(data: bytes, name: str) -> tuple[str, int]:
    """The text of `data` and how many bytes were not UTF-8 (read as Windows-1252).

    Raises SourceError when the bytes are not text: NUL bytes outside UTF-16, or
    mostly undecodable bytes.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), 0
        except UnicodeDecodeError as exc:
            raise SourceError("sources.bad_encoding", name=name) from exc
    if b"\x00" in data:
        raise SourceError("sources.not_text", name=name)
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "surrogateescape")
    text, bad = _SURROGATE.subn(lambda m: _CP1252[m.group()], text)
    if bad > max(16, len(data) * _MAX_BAD_SHARE):
        raise SourceError("sources.not_text", name=name)
    return text, bad


def fix_mojibake(value: str) -> str:
    """Undo Meta's habit of writing UTF-8 bytes as Latin-1 code points ("cafÃ©").

    Only a string that survives the round trip is changed: text that is already right
    ("café", "€", emoji) either fails to encode as Latin-1 or fails to decode as UTF-8.
    """
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def load_json(text: str, name: str) -> object:
    """Parsed JSON, or a SourceError that says where the file is broken or cut off."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if not text[exc.pos :].strip():
            raise SourceError("sources.truncated_json", name=name, line=exc.lineno) from exc
        raise SourceError(
            "sources.broken_json", name=name, line=exc.lineno, column=exc.colno
        ) from exc
    except RecursionError as exc:
        raise SourceError("sources.too_deep", name=name) from exc
