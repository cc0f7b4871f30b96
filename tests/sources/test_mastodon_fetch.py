"""Fetching a public Mastodon account from a Mastodon-shaped server on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from exposure.sources import SourceError, fetch_mastodon

ACCOUNT = {"id": "109876", "username": "dennis", "acct": "dennis", "statuses_count": 95}


def status(number: int, reblog: bool = False) -> dict:
    return {
        "id": str(200 - number),
        "uri": f"https://social.example/users/dennis/statuses/{200 - number}",
        "url": f"https://social.example/@dennis/{200 - number}",
        "created_at": f"2024-05-{1 + number % 28:02d}T06:{number % 60:02d}:00.000Z",
        "content": f"<p>Bericht {number} vanaf <a href='#'>#Oosterhorn</a><br>tot 06:00</p>",
        "spoiler_text": "",
        "visibility": "public",
        "language": "nl",
        "reblog": {"id": "1", "content": "<p>iemand anders</p>"} if reblog else None,
        "in_reply_to_id": None,
        "edited_at": None,
    }


def serve_account(server, reply, pages: list[list[dict]], page_reply=None):
    """Lookup plus statuses in `pages`, linked with rel="next" as Mastodon does."""
    server.route("/api/v1/accounts/lookup", reply(200, ACCOUNT))

    def statuses(query, srv):
        index = int(query.get("page", ["0"])[0])
        if page_reply is not None:
            special = page_reply(index)
            if special is not None:
                return special
        headers = {}
        if index + 1 < len(pages):
            max_id = pages[index][-1]["id"]
            headers["Link"] = (
                f"<{{base}}/api/v1/accounts/109876/statuses?max_id={max_id}&page={index + 1}>; "
                f'rel="next", <{{base}}/api/v1/accounts/109876/statuses?min_id=999>; rel="prev"'
            )
        return reply(200, pages[index], headers)

    server.route("/api/v1/accounts/109876/statuses", statuses)


def test_follows_link_pages_skips_boosts_and_converts_html(server, reply, session):
    pages = [
        [status(n) for n in range(40)],
        [status(n, reblog=(n == 45)) for n in range(40, 80)],
        [status(n) for n in range(80, 95)],
    ]
    serve_account(server, reply, pages)
    seen = []

    result = fetch_mastodon(
        server.base, "@dennis", session=session, progress=lambda d, t: seen.append((d, t))
    )

    assert result.complete and result.problems == []
    assert len(result.posts) == 94
    first = result.posts[0]
    assert first.text == "Bericht 0 vanaf #Oosterhorn\ntot 06:00"
    assert first.id == "mastodon-200"
    assert first.lang == "nl"
    assert first.author == "@dennis"
    assert first.created_at == datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    assert all("iemand anders" not in p.text for p in result.posts)
    assert seen == [(40, 95), (79, 95), (94, 95)]
    lookup, page1, *_ = server.requests
    assert lookup[1] == {"acct": ["dennis"]}
    assert page1[1] == {"limit": ["40"], "exclude_reblogs": ["true"]}


def test_limit_stops_early(server, reply, session):
    serve_account(server, reply, [[status(n) for n in range(i, i + 40)] for i in (0, 40, 80)])

    result = fetch_mastodon(server.base, "dennis", limit=50, session=session)

    assert result.complete
    assert len(result.posts) == 50
    assert len(server.paths()) == 3  # lookup and two pages


def test_failure_half_way_returns_what_it_got_and_says_what_is_missing(server, reply, session):
    pages = [[status(n) for n in range(40)], [status(n) for n in range(40, 80)]]
    serve_account(server, reply, pages, lambda i: reply(500, "boom") if i == 1 else None)

    result = fetch_mastodon(server.base, "dennis", session=session)

    assert not result.complete
    assert len(result.posts) == 40
    keys = [p.key for p in result.problems]
    assert keys == ["sources.fetch.http_status", "sources.fetch.partial"]
    assert "40" in result.problems[1].text("nl")


def test_malformed_json_half_way(server, reply, session):
    pages = [[status(n) for n in range(40)], []]
    serve_account(server, reply, pages, lambda i: reply(200, "[{]") if i == 1 else None)

    result = fetch_mastodon(server.base, "dennis", session=session)

    assert not result.complete
    assert len(result.posts) == 40
    assert result.problems[0].key == "sources.fetch.bad_json"


def test_unknown_account_is_an_error(server, reply, session):
    server.route("/api/v1/accounts/lookup", reply(404, {"error": "Record not found"}))

    with pytest.raises(SourceError) as caught:
        fetch_mastodon(server.base, "nobody", session=session)

    assert caught.value.key == "sources.fetch.account_not_found"


def test_instance_in_whitelist_mode_says_so(server, reply, session):
    server.route("/api/v1/accounts/lookup", reply(401, {"error": "This API requires a token"}))

    with pytest.raises(SourceError) as caught:
        fetch_mastodon(server.base, "dennis", session=session)

    assert caught.value.key == "sources.fetch.not_public"


def test_cancel_between_pages(server, reply, session):
    serve_account(server, reply, [[status(n) for n in range(i, i + 40)] for i in (0, 40, 80)])
    pages_done = []

    result = fetch_mastodon(
        server.base,
        "dennis",
        session=session,
        progress=lambda d, t: pages_done.append(d),
        cancel=lambda: len(pages_done) >= 1,
    )

    assert not result.complete
    assert len(result.posts) == 40
    assert result.problems[0].key == "sources.fetch.cancelled"


def test_next_link_to_another_server_is_not_followed(server, reply, session):
    server.route("/api/v1/accounts/lookup", reply(200, ACCOUNT))
    server.route(
        "/api/v1/accounts/109876/statuses",
        reply(200, [status(1)], {"Link": '<https://elsewhere.example/steal>; rel="next"'}),
    )

    result = fetch_mastodon(server.base, "dennis", session=session)

    assert [p.id for p in result.posts] == ["mastodon-199"]
    assert not result.complete
    assert result.problems[0].key == "sources.fetch.foreign_next"


def test_used_up_rate_limit_pauses_before_the_next_page(server, reply, session):
    pages = [[status(1)], [status(2)]]

    def exhausted(index):
        if index == 0:
            reset = datetime.fromtimestamp(datetime.now(UTC).timestamp() + 1, UTC)
            return reply(
                200,
                pages[0],
                {
                    "Link": '<{base}/api/v1/accounts/109876/statuses?page=1>; rel="next"',
                    "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset": reset.isoformat(),
                },
            )
        return None

    serve_account(server, reply, pages, exhausted)

    result = fetch_mastodon(server.base, "dennis", session=session)

    assert result.complete
    assert len(result.posts) == 2


def test_used_up_rate_limit_with_a_long_reset_stops_with_what_it_has(server, reply, session):
    def exhausted(index):
        return reply(
            200,
            [status(1)],
            {
                "Link": '<{base}/api/v1/accounts/109876/statuses?page=1>; rel="next"',
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": "2999-01-01T00:00:00.000Z",
            },
        )

    serve_account(server, reply, [[status(1)], [status(2)]], exhausted)

    result = fetch_mastodon(server.base, "dennis", session=session)

    assert not result.complete
    assert len(result.posts) == 1
    assert result.problems[0].key == "sources.fetch.rate_limited"
    assert len(server.paths()) == 2


@pytest.mark.parametrize("account", ["", "dennis smit", "<script>", "@@x"])
def test_invalid_account_names_are_refused_without_a_request(server, session, account):
    with pytest.raises(SourceError) as caught:
        fetch_mastodon(server.base, account, session=session)

    assert caught.value.key == "sources.fetch.bad_account"
    assert server.paths() == []
