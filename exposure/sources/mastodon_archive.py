"""Mastodon account archive: archive-<time>-<hex>.tar.gz with outbox.json and actor.json.

outbox.json is an ActivityStreams OrderedCollection; `Create` activities hold the
posts (HTML in `object.content`), `Announce` activities are boosts of other people's
posts and are skipped, as are direct messages (addressed to neither the public nor
the followers).
"""

from __future__ import annotations

from exposure.sources.dates import parse_iso
from exposure.sources.htmltext import html_to_text
from exposure.sources.results import PostCollector

PLATFORM = "mastodon"
PUBLIC = frozenset({"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"})
_POST_TYPES = frozenset({"Note", "Article", "Question", "Page"})


def looks_like_outbox(obj: object) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("orderedItems"), list)


def actor_username(obj: object) -> str | None:
    if isinstance(obj, dict) and isinstance(obj.get("preferredUsername"), str):
        return obj["preferredUsername"]
    return None


def _audience(note: dict, activity: dict) -> list[str]:
    audience: list[str] = []
    for holder in (note, activity):
        for key in ("to", "cc"):
            value = holder.get(key)
            if isinstance(value, str):
                audience.append(value)
            elif isinstance(value, list):
                audience.extend(v for v in value if isinstance(v, str))
    return audience


def _is_direct(note: dict, activity: dict) -> bool:
    audience = _audience(note, activity)
    if not audience:
        return False  # older archives leave addressing out; treat as a normal post
    return not any(a in PUBLIC or a.endswith("/followers") for a in audience)


def note_text(note: dict) -> str:
    """Content warning and body of a note as plain text."""
    content = note.get("content")
    if not isinstance(content, str):
        content_map = note.get("contentMap")
        if isinstance(content_map, dict):
            content = next((v for v in content_map.values() if isinstance(v, str)), "")
        else:
            content = ""
    parts = []
    summary = note.get("summary")
    if isinstance(summary, str) and summary.strip():
        parts.append(html_to_text(summary))
    parts.append(html_to_text(content))
    return "\n\n".join(p for p in parts if p)


def note_lang(note: dict) -> str | None:
    content_map = note.get("contentMap")
    if isinstance(content_map, dict) and content_map:
        return next(iter(content_map))
    return None


def post_id(uri: str) -> str:
    """ "mastodon-<status id>" from a status URI, the same for archive and API."""
    last = uri.rstrip("/").rsplit("/", 1)[-1]
    return f"mastodon-{last}" if last.isdigit() else f"mastodon-{uri}"


def parse_outbox(outbox: dict, name: str, out: PostCollector, username: str | None) -> None:
    items = outbox["orderedItems"]
    total = len(items)
    for done, activity in enumerate(items, start=1):
        out.report(done, total)
        if not isinstance(activity, dict):
            out.skip("malformed")
            continue
        kind = activity.get("type")
        if kind == "Announce":
            out.skip("boost")
            continue
        note = activity.get("object")
        if kind != "Create" or not isinstance(note, dict) or note.get("type") not in _POST_TYPES:
            out.skip("not_a_post")
            continue
        if _is_direct(note, activity):
            out.skip("direct")
            continue
        note_id = note.get("id") or activity.get("id")
        if not isinstance(note_id, str) or not note_id:
            out.skip("malformed")
            continue
        published = note.get("published", activity.get("published"))
        created_at = parse_iso(published)
        if created_at is None and published is not None:
            out.bad_date()
        url = note.get("url") if isinstance(note.get("url"), str) else note_id
        out.add(
            id=post_id(note_id),
            text=note_text(note),
            platform=PLATFORM,
            lang=note_lang(note),
            created_at=created_at,
            url=url,
            author=username,
        )
