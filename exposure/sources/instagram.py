"""Instagram JSON export: your_instagram_activity/content/posts_1.json (older
content/posts_1.json): `[{media: [{uri, creation_timestamp, title}], title?, ...}]`.

The caption sits in the entry's `title` or, for single-photo posts, in the first
media item's `title`; the text has the same Latin-1 mojibake as Facebook's.
"""

from __future__ import annotations

from exposure.sources.dates import from_epoch
from exposure.sources.results import PostCollector
from exposure.sources.textdecode import fix_mojibake

PLATFORM = "instagram"


def looks_like_entry(item: object) -> bool:
    return isinstance(item, dict) and isinstance(item.get("media"), list)


def parse_entries(entries: list, name: str, out: PostCollector, file_no: int = 1) -> None:
    total = len(entries)
    for done, entry in enumerate(entries, start=1):
        out.report(done, total)
        if not isinstance(entry, dict):
            out.skip("malformed")
            continue
        media = entry.get("media")
        first = media[0] if isinstance(media, list) and media and isinstance(media[0], dict) else {}
        caption = entry.get("title")
        if not isinstance(caption, str) or not caption.strip():
            caption = first.get("title")
        if not isinstance(caption, str) or not caption.strip():
            out.skip("no_text")
            continue
        stamp_value = entry.get("creation_timestamp", first.get("creation_timestamp"))
        created_at = from_epoch(stamp_value)
        if created_at is None:
            out.bad_date()
        stamp = int(created_at.timestamp()) if created_at else 0
        out.add(
            id=f"instagram-{stamp}-{file_no}.{done}",
            text=fix_mojibake(caption),
            platform=PLATFORM,
            created_at=created_at,
        )
