"""Fetching a public Bluesky account from an AppView-shaped server on 127.0.0.1."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from exposure.sources import SourceError, fetch_bluesky

DID = "did:plc:abcdefghijklmnopqrstuvwx"
PROFILE = {"did": DID, "handle": "bas.bsky.social", "postsCount": 5, "labels": []}


def item(number: int, *, repost: bool = False, labels=None, author_did: str = DID) -> dict:
    entry = {
        "post": {
            "uri": f"at://{author_did}/app.bsky.feed.post/3k{number:04d}",
            "cid": "bafyrei",
            "author": {
                "did": author_did,
                "handle": "bas.bsky.social" if author_did == DID else "other.bsky.social",
                "labels": labels or [],
            },
            "record": {
                "$type": "app.bsky.feed.post",
                "text": f"Patchweekend {number}: Citrix gaat om 22:00 plat",
                "createdAt": f"2024-06-0{number % 9 + 1}T20:00:00.000Z",
                "langs": ["nl"],
            },
            "indexedAt": "2024-06-01T20:00:01.000Z",
        }
    }
    if repost:
        entry["reason"] = {
            "$type": "app.bsky.feed.defs#reasonRepost",
            "by": {"did": DID, "handle": "bas.bsky.social"},
        }
    return entry


def serve(server, reply, pages, profile=PROFILE):
    server.route("/xrpc/app.bsky.actor.getProfile", reply(200, profile))

    def feed(query, srv):
        index = int(query.get("cursor", ["0"])[0])
        body = {"feed": pages[index]}
        if index + 1 < len(pages):
            body["cursor"] = str(index + 1)
        return reply(200, body)

    server.route("/xrpc/app.bsky.feed.getAuthorFeed", feed)


def test_follows_the_cursor_and_skips_reposts(server, reply, session):
    serve(
        server,
        reply,
        [[item(1), item(2, repost=True, author_did="did:plc:someoneelse")], [item(3), item(4)]],
    )
    seen = []

    result = fetch_bluesky(
        "@bas.bsky.social", api=server.base, session=session, progress=lambda d, t: seen.append(d)
    )

    assert result.complete
    assert [p.text[:14] for p in result.posts] == [
        "Patchweekend 1",
        "Patchweekend 3",
        "Patchweekend 4",
    ]
    first = result.posts[0]
    assert first.url == "https://bsky.app/profile/bas.bsky.social/post/3k0001"
    assert first.created_at == datetime(2024, 6, 2, 20, tzinfo=UTC)
    assert first.lang == "nl" and first.platform == "bluesky"
    assert seen == [1, 3]
    feed_queries = [q for path, q, _ in server.requests if path.endswith("getAuthorFeed")]
    assert feed_queries[0]["filter"] == ["posts_no_replies"]
    assert feed_queries[0]["actor"] == ["bas.bsky.social"]
    assert feed_queries[1]["cursor"] == ["1"]


def test_opt_out_label_on_the_profile_stops_before_any_post_is_fetched(server, reply, session):
    profile = {**PROFILE, "labels": [{"src": DID, "val": "!no-unauthenticated"}]}
    serve(server, reply, [[item(1)]], profile=profile)

    result = fetch_bluesky("bas.bsky.social", api=server.base, session=session)

    assert result.posts == []
    assert [p.key for p in result.problems] == ["sources.fetch.opted_out"]
    assert server.paths() == ["/xrpc/app.bsky.actor.getProfile"]


def test_opt_out_label_seen_in_the_feed_discards_everything(server, reply, session):
    label = [{"val": "!no-unauthenticated"}]
    serve(server, reply, [[item(1)], [item(2, labels=label)]])

    result = fetch_bluesky("bas.bsky.social", api=server.base, session=session)

    assert result.posts == []
    assert result.problems[0].key == "sources.fetch.opted_out"


def test_unknown_actor(server, reply, session):
    server.route(
        "/xrpc/app.bsky.actor.getProfile",
        reply(400, {"error": "InvalidRequest", "message": "Profile not found"}),
    )

    with pytest.raises(SourceError) as caught:
        fetch_bluesky("nobody.bsky.social", api=server.base, session=session)

    assert caught.value.key == "sources.fetch.account_not_found"


def test_rate_limited_page_waits_for_the_reset_and_continues(server, reply, session):
    serve(server, reply, [[item(1)], [item(2)]])
    original = server.routes["/xrpc/app.bsky.feed.getAuthorFeed"]
    limited = {"done": False}

    def feed(query, srv):
        if query.get("cursor") == ["1"] and not limited["done"]:
            limited["done"] = True
            reset = str(int(time.time()) + 1)
            return reply(429, {"error": "RateLimitExceeded"}, {"RateLimit-Reset": reset})
        return original(query, srv)

    server.route("/xrpc/app.bsky.feed.getAuthorFeed", feed)

    result = fetch_bluesky("bas.bsky.social", api=server.base, session=session)

    assert result.complete
    assert len(result.posts) == 2


def test_slow_page_gives_the_first_pages_and_a_timeout(server, reply, session):
    serve(server, reply, [[item(1)], [item(2)]])
    original = server.routes["/xrpc/app.bsky.feed.getAuthorFeed"]

    def feed(query, srv):
        if query.get("cursor") == ["1"]:
            return reply(200, {"feed": []}, delay=2.0)
        return original(query, srv)

    server.route("/xrpc/app.bsky.feed.getAuthorFeed", feed)

    result = fetch_bluesky("bas.bsky.social", api=server.base, session=session)

    assert not result.complete
    assert len(result.posts) == 1
    assert result.problems[0].key == "sources.fetch.timeout"


@pytest.mark.parametrize("actor", ["", "not a handle", "http://x", "bas", "did:evil:x"])
def test_invalid_actor_is_refused_without_a_request(server, session, actor):
    with pytest.raises(SourceError) as caught:
        fetch_bluesky(actor, api=server.base, session=session)

    assert caught.value.key == "sources.fetch.bad_account"
    assert server.paths() == []
