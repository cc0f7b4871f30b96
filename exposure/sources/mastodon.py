"""Public posts of a Mastodon account, fetched from the person's home instance.

/api/v1/accounts/lookup?acct=NAME gives the account id; /api/v1/accounts/{id}/statuses
(40 per page, boosts excluded) is followed through the Link rel="next" header.
No token is used: only what any visitor can see is fetched.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import requests

from exposure.models import Post
from exposure.sources.dates import parse_iso
from exposure.sources.htmltext import html_to_text
from exposure.sources.http import Cancelled, FetchProblem, JsonPage, get_json, make_session
from exposure.sources.limits import DEFAULT_FETCH_LIMIT, MAX_FETCH_LIMIT
from exposure.sources.mastodon_archive import post_id
from exposure.sources.messages import Notice, SourceError
from exposure.sources.netguard import check_url
from exposure.sources.paging import Request, fetch_pages, notice_of
from exposure.sources.results import Cancel, FetchResult, Progress, normalise_lang

PAGE_SIZE = 40  # the API's maximum
_ACCOUNT = re.compile(r"^@?([A-Za-z0-9_][A-Za-z0-9_.-]{0,63})(?:@([A-Za-z0-9.-]{1,253}))?$")


def instance_base(instance_url: str) -> str:
    """ "https://host[:port]" from what a user typed ("mastodon.social", a profile URL)."""
    value = (instance_url or "").strip()
    if "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise SourceError("sources.fetch.bad_url", url=instance_url[:200]) from exc
    if not parts.hostname:
        raise SourceError("sources.fetch.bad_url", url=instance_url[:200])
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    return f"{parts.scheme.lower()}://{host}" + (f":{port}" if port else "")


def account_name(account: str, host: str) -> str:
    """The acct to look up: "name", or "name@domain" for an account of another server."""
    match = _ACCOUNT.match((account or "").strip())
    if not match:
        raise SourceError("sources.fetch.bad_account", account=(account or "")[:100])
    name, domain = match.groups()
    if domain and domain.lower() != host.lower():
        return f"{name}@{domain}"
    return name


def status_to_post(status: dict, author: str) -> Post | None:
    """A Post from a status, or None for a boost or a status without text."""
    if status.get("reblog"):
        return None
    content = status.get("content")
    parts = []
    spoiler = status.get("spoiler_text")
    if isinstance(spoiler, str) and spoiler.strip():
        parts.append(spoiler.strip())
    if isinstance(content, str):
        parts.append(html_to_text(content))
    text = "\n\n".join(p for p in parts if p)
    uri = status.get("uri") or status.get("id")
    if not text.strip() or not isinstance(uri, str | int):
        return None
    url = status.get("url")
    return Post(
        id=post_id(str(uri)),
        text=text,
        lang=normalise_lang(status.get("language")),
        platform="mastodon",
        created_at=parse_iso(status.get("created_at")),
        url=url if isinstance(url, str) else None,
        author=author,
    )


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, parts.hostname, parts.port or {"https": 443, "http": 80}.get(scheme)


def fetch_mastodon(
    instance_url: str,
    account: str,
    *,
    limit: int = DEFAULT_FETCH_LIMIT,
    session: requests.Session | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> FetchResult:
    """Up to `limit` public posts (newest first) of `account` on `instance_url`.

    Raises SourceError when the input is invalid, the address is refused by the
    guard, or the account does not exist or is not public. Trouble after that
    returns what was fetched, with complete=False and the problems listed.
    """
    base = instance_base(instance_url)
    host = urlsplit(base).hostname or base
    acct = account_name(account, host)
    check_url(base)
    session = session or make_session()
    limit = max(1, min(int(limit), MAX_FETCH_LIMIT))

    try:
        lookup = get_json(session, f"{base}/api/v1/accounts/lookup", {"acct": acct}, cancel=cancel)
    except FetchProblem as problem:
        if problem.status in (404, 410):
            raise SourceError("sources.fetch.account_not_found", account=acct, host=host) from None
        if problem.status in (401, 403):
            raise SourceError(
                "sources.fetch.not_public", host=host, status=problem.status
            ) from None
        return FetchResult(posts=[], complete=False, problems=[notice_of(problem)])
    except Cancelled:
        return FetchResult([], False, [Notice("sources.fetch.cancelled", count=0)])
    data = lookup.data
    if not isinstance(data, dict) or not isinstance(data.get("id"), str | int):
        return FetchResult([], False, [Notice("sources.fetch.unexpected", host=host)])
    author = f"@{data.get('acct') or acct}"
    statuses_count = data.get("statuses_count")
    total = min(limit, statuses_count) if isinstance(statuses_count, int) else limit

    base_origin = _origin(base)

    def read_page(page: JsonPage) -> list[Post]:
        if not isinstance(page.data, list):
            raise SourceError("sources.fetch.unexpected", host=host)
        posts = (status_to_post(s, author) for s in page.data if isinstance(s, dict))
        return [post for post in posts if post is not None]

    def next_request(page: JsonPage) -> Request | None:
        if not page.data or not page.next_url:
            return None
        if _origin(page.next_url) != base_origin:
            raise SourceError("sources.fetch.foreign_next", host=host)
        return Request(page.next_url)

    account_id = quote(str(data["id"]), safe="")
    return fetch_pages(
        Request(
            f"{base}/api/v1/accounts/{account_id}/statuses",
            {"limit": PAGE_SIZE, "exclude_reblogs": "true"},
        ),
        session=session,
        host=host,
        limit=limit,
        total=total,
        read_page=read_page,
        next_request=next_request,
        progress=progress,
        cancel=cancel,
    )
