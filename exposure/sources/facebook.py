"""Facebook JSON export: your_posts_1.json (older) or
your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json.

Each entry is `{timestamp, data: [{post}, {update_timestamp}], title, attachments}`;
photo-only entries have no `post`. Meta writes UTF-8 bytes as Latin-1 code points.
"""

from __future__ import annotations

from exposure.sources.dates import from_epoch
from exposure.sources.results import PostCollector
from exposure.sources.textdecode import fix_mojibake

PLATFORM = "facebook"


def looks_like_entry(item: object) -> bool:
    if not isinstance(item, dict) or "media" in item:
        return False
    return isinstance(item.get("data"), list) or (
        "timestamp" in item and ("attachments" in item or "title" in item)
    )


def parse_entries(entries: list, name: str, out: PostCollector, file_no: int = 1) -> None:
    total = len(entries)
    for done, entry in enumerate(entries, start=1):
        out.report(done, total)
        if not isinstance(entry, dict):
            out.skip("malformed")
            continue
        texts = [
            fix_mojibake(part["post"])
            for part in entry.get("data") or []
            if isinstance(part, dict) and isinstance(part.get("post"), str)
        ]
        text = "\n".join(t for t in texts if t.strip())
        if not text.strip():
            out.skip("no_text")
            continue
        created_at = from_epoch(entry.get("timestamp"))
        if created_at is None:
            out.bad_date()
        stamp = int(created_at.timestamp()) if created_at else 0
        out.add(
            id=f"facebook-{stamp}-{file_no}.{done}",
            text=text,
            platform=PLATFORM,
            created_at=created_at,
        )
