"""Bluesky repository exports (.car): posts with the ids and links the fetch gives them."""

from __future__ import annotations

import hashlib

import libipld
import pytest

from exposure.sources import SourceError, read_export
from exposure.sources.bluesky import item_to_post

DID = "did:plc:ewvi7nxzyoun6zhxrhs64oiz"
POST = "app.bsky.feed.post"


def _cid(block: bytes) -> bytes:
    # CIDv1, dag-cbor codec, sha2-256: how a repository names its blocks.
    return b"\x01\x71\x12\x20" + hashlib.sha256(block).digest()


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        low, n = n & 0x7F, n >> 7
        out.append(low | (0x80 if n else 0))
        if not n:
            return bytes(out)


class Repo:
    """A small but well-formed repository: commit -> search tree -> records."""

    def __init__(self) -> None:
        self.blocks: dict[bytes, bytes] = {}

    def put(self, obj: object) -> bytes:
        block = libipld.encode_dag_cbor(obj)
        cid = _cid(block)
        self.blocks[cid] = block
        return cid

    def car(self, records: dict[str, object], leave_out: tuple[str, ...] = ()) -> bytes:
        # Two tree levels: keys after the first two hang below the last entry,
        # so the walk must follow subtrees and shared key prefixes.
        keys = sorted(records)
        links = {key: self.put(records[key]) for key in keys}
        for key in leave_out:
            del self.blocks[links[key]]

        def entries(part: list[str]) -> list[dict]:
            out, previous = [], b""
            for key in part:
                raw = key.encode()
                shared = next(
                    (i for i, (a, b) in enumerate(zip(previous, raw, strict=False)) if a != b),
                    min(len(previous), len(raw)),
                )
                out.append({"p": shared, "k": raw[shared:], "v": links[key], "t": None})
                previous = raw
            return out

        lower = self.put({"l": None, "e": entries(keys[2:])}) if keys[2:] else None
        top = entries(keys[:2])
        top[-1]["t"] = lower
        root = self.put({"l": None, "e": top})
        commit = self.put({"did": DID, "version": 3, "data": root, "rev": "3l", "prev": None})
        header = libipld.encode_dag_cbor({"roots": [commit], "version": 1})
        body = b"".join(_varint(len(c) + len(b)) + c + b for c, b in self.blocks.items())
        return _varint(len(header)) + header + body


def post(text: str, **extra: object) -> dict:
    return {"$type": POST, "text": text, "createdAt": "2026-03-02T06:15:00.000Z", **extra}


RECORDS = {
    f"{POST}/3kaaa": post("Nachtdienst bij poort 3, camera kapot", langs=["nl"]),
    f"{POST}/3kbbb": post("Tanker comes in Thursday 06:00", langs=["en-GB"]),
    f"{POST}/3kccc": post("@sanne.bsky.social klopt!", reply={"root": {}, "parent": {}}),
    f"{POST}/3kddd": post("   "),
    f"{POST}/3keee": post("Rooster voor volgende week is binnen"),
    "app.bsky.feed.like/3kfff": {"$type": "app.bsky.feed.like", "subject": {}},
    "app.bsky.actor.profile/self": {"$type": "app.bsky.actor.profile", "displayName": "Jan"},
}


def test_posts_come_out_with_the_ids_and_links_of_the_public_fetch():
    result = read_export("repo.car", Repo().car(RECORDS))

    assert result.platform == "bluesky"
    by_text = {p.text: p for p in result.posts}
    assert sorted(by_text) == [
        "Nachtdienst bij poort 3, camera kapot",
        "Rooster voor volgende week is binnen",
        "Tanker comes in Thursday 06:00",
    ]
    first = by_text["Nachtdienst bij poort 3, camera kapot"]
    fetched = item_to_post(
        {
            "post": {
                "uri": f"at://{DID}/{POST}/3kaaa",
                "record": {"text": first.text},
                "author": {"handle": "jan.bsky.social"},
            }
        }
    )
    assert first.id == fetched.id
    assert first.url == f"https://bsky.app/profile/{DID}/post/3kaaa"
    assert (first.lang, by_text["Tanker comes in Thursday 06:00"].lang) == ("nl", "en")
    assert first.created_at.isoformat().startswith("2026-03-02T06:15")
    assert result.skipped_counts == {"reply": 1, "no_text": 1}


def test_a_partial_export_keeps_the_posts_it_has_and_says_what_it_skipped():
    data = Repo().car(RECORDS, leave_out=(f"{POST}/3kbbb",))

    result = read_export("repo.car", data)

    assert len(result.posts) == 2
    assert result.skipped_counts["malformed"] == 1


@pytest.mark.parametrize("cut", [20, 200, -10])
def test_a_damaged_repository_gets_a_clear_message(cut):
    data = Repo().car(RECORDS)

    with pytest.raises(SourceError) as caught:
        read_export("repo.car", data[:cut])

    assert caught.value.key in ("sources.bluesky_car_damaged", "sources.no_posts_skipped")
    assert "repo.car" in caught.value.text("nl")


def test_a_repository_without_posts_says_so():
    records = {k: v for k, v in RECORDS.items() if not k.startswith(POST)}

    with pytest.raises(SourceError) as caught:
        read_export("repo.car", Repo().car(records))

    assert caught.value.key == "sources.no_posts"


def test_a_search_tree_whose_links_loop_is_walked_once():
    repo = Repo()
    record = repo.put(post("Poort 3 staat weer open"))
    node = {"l": None, "e": [{"p": 0, "k": f"{POST}/3kaaa".encode(), "v": record, "t": None}]}
    first = repo.put(node)
    second = repo.put(
        {"l": first, "e": [{"p": 0, "k": f"{POST}/3kbbb".encode(), "v": record, "t": first}]}
    )
    # The first node's block is replaced by one that links to the second node, which
    # links back: a loop no honest repository has, with every entry pointing at both.
    node["l"] = node["e"][0]["t"] = second
    repo.blocks[first] = repo.blocks.pop(repo.put(node))
    commit = repo.put({"did": DID, "version": 3, "data": first, "rev": "3l", "prev": None})
    header = libipld.encode_dag_cbor({"roots": [commit], "version": 1})
    body = b"".join(_varint(len(c) + len(b)) + c + b for c, b in repo.blocks.items())

    result = read_export("repo.car", _varint(len(header)) + header + body)

    assert sorted(p.id.rsplit("/", 1)[1] for p in result.posts) == ["3kaaa", "3kbbb"]
