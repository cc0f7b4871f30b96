"""Public posts of a Bluesky account, from the public AppView without signing in.

app.bsky.actor.getProfile first, to honour an account's `!no-unauthenticated` label
(the person asked not to be shown to logged-out visitors: nothing is fetched), then
app.bsky.feed.getAuthorFeed with filter=posts_no_replies, following the cursor;
reposts are other people's words and are skipped.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import requests

from exposure.models import Post
from exposure.sources.dates import parse_iso
from exposure.sources.http import Cancelled, FetchProblem, JsonPage, get_json, make_session
from exposure.sources.limits import DEFAULT_FETCH_LIMIT, MAX_FETCH_LIMIT
from exposure.sources.messages import Notice, SourceError
from exposure.sources.netguard import check_url
from exposure.sources.paging import Request, StopFetch, fetch_pages, notice_of
from exposure.sources.results import Cancel, FetchResult, Progress, normalise_lang

PUBLIC_API = "https://public.api.bsky.app"
PAGE_SIZE = 100  # the API's maximum
OPT_OUT_LABEL = "!no-unauthenticated"
REPOST = "app.bsky.feed.defs#reasonRepost"
_HANDLE = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")
_DID = re.compile(r"^did:(plc|web):[a-zA-Z0-9._:%-]{1,2000}$")


def normalise_actor(actor: str) -> str:
    """A handle ("name.bsky.social") or DID; SourceError for anything else."""
    value = (actor or "").strip().removeprefix("@")
    if _DID.match(value):
        return value
    value = value.lower()
    if len(value) <= 253 and _HANDLE.match(value):
        return value
    raise SourceError("sources.fetch.bad_account", account=(actor or "")[:100])


def _opted_out(author: object) -> bool:
    labels = author.get("labels") if isinstance(author, dict) else None
    if not isinstance(labels, list):
        return False
    return any(isinstance(label, dict) and label.get("val") == OPT_OUT_LABEL for label in labels)


def post_id(uri: str) -> str:
    """A post's id from its at:// URI: the same for the public fetch and a .car export."""
    return f"bluesky-{uri}"


def post_url(profile: str, uri: str) -> str:
    """The post's page on bsky.app; `profile` is a handle or a DID."""
    rkey = uri.rstrip("/").rsplit("/", 1)[-1]
    return f"https://bsky.app/profile/{profile}/post/{rkey}"


def record_lang(record: dict) -> str | None:
    """The first usable language the author tagged the post record with."""
    langs = record.get("langs")
    if not isinstance(langs, list):
        return None
    return next((normalise_lang(x) for x in langs if normalise_lang(x)), None)


def item_to_post(item: dict) -> Post | None:
    """A Post from one feed item, or None for a repost or an item without text."""
    reason = item.get("reason")
    if isinstance(reason, dict) and reason.get("$type") == REPOST:
        return None
    post = item.get("post")
    if not isinstance(post, dict):
        return None
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    text = record.get("text")
    uri = post.get("uri")
    if not isinstance(text, str) or not text.strip() or not isinstance(uri, str):
        return None
    author = post.get("author") if isinstance(post.get("author"), dict) else {}
    handle = author.get("handle") if isinstance(author.get("handle"), str) else None
    return Post(
        id=post_id(uri),
        text=text,
        lang=record_lang(record),
        platform="bluesky",
        created_at=parse_iso(record.get("createdAt")),
        url=post_url(handle, uri) if handle else None,
        author=f"@{handle}" if handle else author.get("did"),
    )


def fetch_bluesky(
    actor: str,
    *,
    api: str = PUBLIC_API,
    limit: int = DEFAULT_FETCH_LIMIT,
    session: requests.Session | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> FetchResult:
    """Up to `limit` public posts (newest first, no replies, no reposts) of `actor`.

    Raises SourceError for an invalid handle, a refused API address, or an unknown
    account. An account that opted out of logged-out viewing gives no posts and one
    problem saying so. Trouble half-way returns what was fetched, complete=False.
    """
    actor = normalise_actor(actor)
    base = api.strip().rstrip("/")
    host = urlsplit(base).hostname or base
    check_url(base)
    session = session or make_session()
    limit = max(1, min(int(limit), MAX_FETCH_LIMIT))

    try:
        profile = get_json(
            session, f"{base}/xrpc/app.bsky.actor.getProfile", {"actor": actor}, cancel=cancel
        ).data
    except FetchProblem as problem:
        if problem.status == 400 or problem.status == 404:
            # The AppView answers 400 {"error": "InvalidRequest", "message": "Profile not
            # found"} for unknown, taken-down and deactivated accounts alike.
            raise SourceError("sources.fetch.account_not_found", account=actor, host=host) from None
        return FetchResult(posts=[], complete=False, problems=[notice_of(problem)])
    except Cancelled:
        return FetchResult([], False, [Notice("sources.fetch.cancelled", count=0)])
    if not isinstance(profile, dict):
        return FetchResult([], False, [Notice("sources.fetch.unexpected", host=host)])
    if _opted_out(profile):
        return FetchResult([], False, [Notice("sources.fetch.opted_out", account=actor)])
    did = profile.get("did")
    count = profile.get("postsCount")
    total = min(limit, count) if isinstance(count, int) and count >= 0 else None
    feed_url = f"{base}/xrpc/app.bsky.feed.getAuthorFeed"
    params = {"actor": actor, "limit": min(PAGE_SIZE, limit), "filter": "posts_no_replies"}

    def read_page(page: JsonPage) -> list[Post]:
        data = page.data
        if not isinstance(data, dict) or not isinstance(data.get("feed"), list):
            raise SourceError("sources.fetch.unexpected", host=host)
        posts = []
        for item in data["feed"]:
            if not isinstance(item, dict):
                continue
            post = item.get("post") if isinstance(item.get("post"), dict) else {}
            author = post.get("author") if isinstance(post.get("author"), dict) else {}
            own = author.get("did") == did or author.get("handle") == actor
            if own and _opted_out(author):
                raise StopFetch(Notice("sources.fetch.opted_out", account=actor))
            converted = item_to_post(item)
            if converted is not None and (own or did is None):
                posts.append(converted)
        return posts

    def next_request(page: JsonPage) -> Request | None:
        data = page.data if isinstance(page.data, dict) else {}
        cursor = data.get("cursor")
        if not isinstance(cursor, str) or not cursor or not data.get("feed"):
            return None
        return Request(feed_url, {**params, "cursor": cursor})

    return fetch_pages(
        Request(feed_url, params),
        session=session,
        host=host,
        limit=limit,
        total=total,
        read_page=read_page,
        next_request=next_request,
        progress=progress,
        cancel=cancel,
    )
