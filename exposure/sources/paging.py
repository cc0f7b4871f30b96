"""The page loop both fetchers share: caps, cancel, progress, rate-limit pauses,
and a partial result that says what could not be fetched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import requests

from exposure.models import Post
from exposure.sources.http import Cancelled, JsonPage, get_json, wait_or_cancel
from exposure.sources.limits import MAX_FETCH_PAGES, MAX_RATE_LIMIT_WAIT
from exposure.sources.messages import Notice, SourceError
from exposure.sources.results import Cancel, FetchResult, Progress


@dataclass
class Request:
    url: str
    params: dict | None = None


class StopFetch(Exception):
    """Raised by a page reader to end the fetch with `notice` and no posts at all."""

    def __init__(self, notice: Notice) -> None:
        super().__init__(str(notice))
        self.notice = notice


def notice_of(problem: SourceError) -> Notice:
    return Notice(problem.key, **problem.params)


def fetch_pages(
    first: Request,
    *,
    session: requests.Session,
    host: str,
    limit: int,
    total: int | None,
    read_page: Callable[[JsonPage], list[Post]],
    next_request: Callable[[JsonPage], Request | None],
    progress: Progress | None,
    cancel: Cancel | None,
) -> FetchResult:
    """Fetch pages from `first` until `limit` posts, the last page, or a problem.

    `read_page` turns one answer into posts (raising SourceError for an unexpected
    shape, or StopFetch to discard everything); `next_request` gives the next page's
    request or None at the end.
    """
    posts: list[Post] = []
    seen: set[str] = set()
    request: Request | None = first
    pages = 0

    def partial(*notices: Notice) -> FetchResult:
        extra = [Notice("sources.fetch.partial", count=len(posts))] if posts else []
        return FetchResult(posts=posts, complete=False, problems=[*notices, *extra])

    while request is not None and len(posts) < limit:
        if cancel is not None and cancel():
            return FetchResult(posts, False, [Notice("sources.fetch.cancelled", count=len(posts))])
        if pages >= MAX_FETCH_PAGES:
            return FetchResult(posts, False, [Notice("sources.fetch.page_cap", pages=pages)])
        try:
            page = get_json(session, request.url, request.params, cancel=cancel)
            pages += 1
            page_posts = read_page(page)
        except StopFetch as stop:
            return FetchResult(posts=[], complete=False, problems=[stop.notice])
        except Cancelled:
            return FetchResult(posts, False, [Notice("sources.fetch.cancelled", count=len(posts))])
        except SourceError as problem:
            return partial(notice_of(problem))
        for post in page_posts:
            if post.id not in seen and len(posts) < limit:
                seen.add(post.id)
                posts.append(post)
        if progress is not None:
            progress(len(posts), total)
        if len(posts) >= limit:
            break
        try:
            request = next_request(page)
        except SourceError as problem:
            return partial(notice_of(problem))
        if request is None:
            break
        if page.wait_before_next > MAX_RATE_LIMIT_WAIT:
            seconds = int(page.wait_before_next) + 1
            return partial(Notice("sources.fetch.rate_limited", host=host, seconds=seconds))
        try:
            wait_or_cancel(page.wait_before_next, cancel)
        except Cancelled:
            return FetchResult(posts, False, [Notice("sources.fetch.cancelled", count=len(posts))])
    return FetchResult(posts=posts, complete=True, problems=[])
