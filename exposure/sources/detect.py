"""Which export a file is: decided by its content, with the file name only as a hint.

A name can mislead (a Facebook file renamed posts_1.json, an export saved as
"download.json"), so the content decides and a disagreeing name earns a warning.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from exposure.sources import facebook, instagram, mastodon_archive

PLATFORM_NAMES = {
    "x": "X",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "mastodon": "Mastodon",
    "csv": "CSV",
    "jsonl": "JSONL",
}
# Archive priority when several platforms' files are present.
PLATFORM_ORDER = ("x", "facebook", "instagram", "linkedin", "mastodon")

_NAME_PATTERNS = {
    "x": re.compile(r"^tweets?(-part\d+)?\.js$", re.IGNORECASE),
    "facebook": re.compile(r"^your_posts.*\.json$", re.IGNORECASE),
    "instagram": re.compile(r"^posts_\d+\.json$", re.IGNORECASE),
    "linkedin": re.compile(r"^shares\.csv$", re.IGNORECASE),
    "mastodon": re.compile(r"^outbox\.json$", re.IGNORECASE),
}
_GENERIC_NAME = re.compile(r"\.(csv|tsv|jsonl|ndjson)$", re.IGNORECASE)
_SIDE_FILES = {
    "x": re.compile(r"^account\.js$", re.IGNORECASE),
    "mastodon": re.compile(r"^actor\.json$", re.IGNORECASE),
}
_SAMPLE = 50


def basename(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).name


def platform_from_name(name: str) -> str | None:
    base = basename(name)
    for platform, pattern in _NAME_PATTERNS.items():
        if pattern.match(base):
            return platform
    return None


def is_side_file(name: str, platform: str) -> bool:
    pattern = _SIDE_FILES.get(platform)
    return bool(pattern and pattern.match(basename(name)))


def is_generic_name(name: str) -> bool:
    return bool(_GENERIC_NAME.search(name))


def keep_in_archive(name: str) -> bool:
    """Whether an archive member may hold posts or help read them."""
    if platform_from_name(name) or is_generic_name(name):
        return True
    return any(is_side_file(name, platform) for platform in _SIDE_FILES)


def _unwrap(obj: object) -> list | None:
    """The list of entries of a JSON document: the document itself or its one list."""
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict):
        lists = [value for value in obj.values() if isinstance(value, list)]
        if len(lists) == 1:
            return lists[0]
    return None


def _looks_like_tweet(item: object) -> bool:
    if not isinstance(item, dict):
        return False
    if isinstance(item.get("tweet"), dict):
        return True
    return "full_text" in item and ("id_str" in item or "created_at" in item)


def classify_json(obj: object, text_column: str) -> tuple[str | None, object]:
    """(platform, entries) for a parsed JSON document; platform None when unknown.

    Platforms are "x", "facebook", "instagram", "mastodon" and "jsonl" (a generic
    array of objects that have the text column). Entries is the outbox for Mastodon
    and a list otherwise.
    """
    if mastodon_archive.looks_like_outbox(obj):
        return "mastodon", obj
    if isinstance(obj, dict) and any(k.lower() == text_column.lower() for k in obj):
        return "jsonl", [obj]
    entries = _unwrap(obj)
    if entries is None:
        return None, obj
    if not entries:
        return "empty", entries
    sample = entries[:_SAMPLE]
    votes = {
        "x": sum(map(_looks_like_tweet, sample)),
        "instagram": sum(map(instagram.looks_like_entry, sample)),
        "facebook": sum(map(facebook.looks_like_entry, sample)),
        "jsonl": sum(
            isinstance(item, dict) and any(k.lower() == text_column.lower() for k in item)
            for item in sample
        ),
    }
    best = max(votes, key=lambda platform: votes[platform])
    if votes[best] == 0:
        return None, entries
    return best, entries


def looks_like_car(data: bytes) -> bool:
    """A Bluesky repository export: a CARv1 file, whose CBOR header names its roots."""
    head = data[:80]
    return b"roots" in head and b"version" in head and not head.lstrip().startswith((b"{", b"["))
