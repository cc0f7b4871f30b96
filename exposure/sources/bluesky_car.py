"""Bluesky repository export (.car): the posts of the account the repository belongs to.

A CARv1 file holds DAG-CBOR blocks (decoded by libipld). Its root is the signed
commit, whose `data` link leads to the repository's Merkle search tree; the tree's
keys are "<collection>/<record key>" and its values link to the records. Posts are
the `app.bsky.feed.post` records. Walking the tree, not just every block, gives each
post its record key, so a post gets the same id and link as when the account is
fetched from the public API, and an import followed by a fetch keeps it once.
Replies are skipped, as the fetch skips them.
"""

from __future__ import annotations

from collections.abc import Iterator

import libipld

from exposure.sources.bluesky import post_id, post_url, record_lang
from exposure.sources.dates import parse_iso
from exposure.sources.messages import SourceError
from exposure.sources.results import PostCollector

PLATFORM = "bluesky"
POST_COLLECTION = "app.bsky.feed.post"
# A real tree is a few levels deep; a deeper one is damaged or built to loop.
_MAX_TREE_DEPTH = 64


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _tree_entries(
    blocks: dict, node_cid: object, seen: set[bytes], depth: int = 0
) -> Iterator[tuple[str, object]]:
    """(key, record link) pairs of the search tree below node_cid, in key order.

    Each node is visited once, so a crafted file whose links loop cannot make the
    walk explode.
    """
    if not isinstance(node_cid, bytes) or node_cid in seen or depth > _MAX_TREE_DEPTH:
        return
    seen.add(node_cid)
    node = blocks.get(node_cid)
    if not isinstance(node, dict):
        return
    yield from _tree_entries(blocks, node.get("l"), seen, depth + 1)
    previous = b""
    entries = node.get("e")
    for entry in entries if isinstance(entries, list) else ():
        if not isinstance(entry, dict):
            continue
        prefix, suffix = entry.get("p"), entry.get("k")
        if not isinstance(prefix, int) or not isinstance(suffix, bytes):
            continue
        key = previous[:prefix] + suffix
        previous = key
        yield key.decode("utf-8", errors="replace"), entry.get("v")
        yield from _tree_entries(blocks, entry.get("t"), seen, depth + 1)


def parse_car(data: bytes, name: str, out: PostCollector) -> None:
    """Posts of a Bluesky repository export into `out`; SourceError if it is no repository."""
    try:
        header, blocks = libipld.decode_car(data)
    except Exception as exc:  # libipld raises plain ValueError/TypeError/... on bad input
        raise SourceError("sources.bluesky_car_damaged", name=name) from exc
    roots = header.get("roots") if isinstance(header, dict) else None
    commit = blocks.get(roots[0]) if isinstance(roots, list) and roots else None
    if not isinstance(commit, dict) or "data" not in commit:
        raise SourceError("sources.bluesky_car_damaged", name=name)
    did = _str(commit.get("did"))
    entries = _tree_entries(blocks, commit["data"], set())
    posts = [(key, link) for key, link in entries if key.startswith(f"{POST_COLLECTION}/")]
    total = len(posts)
    for done, (key, link) in enumerate(posts, start=1):
        out.report(done, total)
        record = blocks.get(link) if isinstance(link, bytes) else None
        if not isinstance(record, dict):
            out.skip("malformed")  # a partial export leaves out some records
            continue
        if record.get("$type") != POST_COLLECTION:
            out.skip("not_a_post")
            continue
        if record.get("reply") is not None:
            out.skip("reply")
            continue
        text = _str(record.get("text"))
        if not text or not text.strip():
            out.skip("no_text")
            continue
        published = record.get("createdAt")
        created_at = parse_iso(published)
        if created_at is None and published is not None:
            out.bad_date()
        # Without the owner's DID there is no at:// URI; the key still tells posts apart.
        uri = f"at://{did}/{key}" if did else key
        out.add(
            id=post_id(uri),
            text=text,
            platform=PLATFORM,
            lang=record_lang(record),
            created_at=created_at,
            url=post_url(did, uri) if did else None,
            author=did,
        )
