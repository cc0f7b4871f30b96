"""The shared session and guarded GET against a real server on 127.0.0.1."""

from __future__ import annotations

import time

import pytest

from exposure.sources.http import USER_AGENT, FetchProblem, get_json, rate_limit_wait
from exposure.sources.netguard import FetchRefused


def _counting(replies):
    """A handler answering with `replies` in turn, the last one from then on."""
    calls = {"n": 0}

    def handler(query, server):
        calls["n"] += 1
        return replies[min(calls["n"], len(replies)) - 1]

    return handler


def test_json_is_fetched_with_the_product_user_agent(server, session, reply):
    server.route("/ok", reply(200, {"hello": "wereld"}))

    page = get_json(session, f"{server.base}/ok", {"q": "1"})

    assert page.data == {"hello": "wereld"}
    ((_path, query, headers),) = server.requests
    assert query == {"q": ["1"]}
    assert headers["User-Agent"] == USER_AGENT


def test_429_with_retry_after_waits_and_retries(server, session, reply):
    server.route(
        "/limited",
        _counting([reply(429, {"error": "slow down"}, {"Retry-After": "1"}), reply(200, [1])]),
    )
    started = time.monotonic()

    page = get_json(session, f"{server.base}/limited")

    assert page.data == [1]
    assert server.paths() == ["/limited", "/limited"]
    assert time.monotonic() - started >= 0.9  # it waited as asked, not hammering


def test_429_with_bluesky_ratelimit_reset_epoch(server, session, reply):
    def handler(query, srv):
        if len(srv.paths()) == 1:
            reset = str(int(time.time()) + 1)
            return reply(429, {}, {"RateLimit-Remaining": "0", "RateLimit-Reset": reset})
        return reply(200, {"ok": True})

    server.route("/feed", handler)

    assert get_json(session, f"{server.base}/feed").data == {"ok": True}
    assert len(server.paths()) == 2


def test_429_asking_for_a_long_wait_stops_with_a_time_to_try_again(server, session, reply):
    server.route("/limited", reply(429, {}, {"Retry-After": "3600"}))

    with pytest.raises(FetchProblem) as caught:
        get_json(session, f"{server.base}/limited")

    assert caught.value.key == "sources.fetch.rate_limited"
    assert caught.value.params["seconds"] >= 3600
    assert server.paths() == ["/limited"]


def test_500_then_success_is_retried(server, session, reply):
    server.route("/flaky", _counting([reply(500, "oops"), reply(502, "oops"), reply(200, [])]))

    assert get_json(session, f"{server.base}/flaky").data == []
    assert server.paths() == ["/flaky"] * 3


def test_persistent_500_gives_up_after_bounded_retries(server, session, reply):
    server.route("/down", reply(503, "down"))

    with pytest.raises(FetchProblem) as caught:
        get_json(session, f"{server.base}/down")

    assert caught.value.key == "sources.fetch.http_status"
    assert caught.value.status == 503
    assert len(server.paths()) == 4  # the first try and three retries


def test_slow_response_times_out(server, session, reply):
    server.route("/slow", reply(200, {}, delay=2.0))

    with pytest.raises(FetchProblem) as caught:
        get_json(session, f"{server.base}/slow")

    assert caught.value.key == "sources.fetch.timeout"


def test_malformed_json_is_reported(server, session, reply):
    server.route("/broken", reply(200, '{"id": "1", "acct": '))

    with pytest.raises(FetchProblem) as caught:
        get_json(session, f"{server.base}/broken")

    assert caught.value.key == "sources.fetch.bad_json"


def test_oversized_answer_is_refused(server, session, reply):
    server.route("/big", reply(200, b"[" + b"1," * (3 * 1024 * 1024) + b"1]"))

    with pytest.raises(FetchProblem) as caught:
        get_json(session, f"{server.base}/big")

    assert caught.value.key == "sources.fetch.too_big"


def test_redirect_within_the_allowed_server_is_followed(server, session, reply, connects):
    server.route("/old", reply(301, "", {"Location": "{base}/new"}))
    server.route("/new", reply(200, {"moved": True}))

    assert get_json(session, f"{server.base}/old").data == {"moved": True}
    assert server.paths() == ["/old", "/new"]
    assert connects  # the audit hook does see real connections


@pytest.mark.parametrize(
    ("location", "key"),
    [
        ("http://10.0.0.1/", "sources.fetch.https_only"),
        ("https://10.0.0.1/steal", "sources.fetch.internal_address"),
        ("https://169.254.169.254/latest/meta-data/", "sources.fetch.internal_address"),
        ("https://localhost/admin", "sources.fetch.internal_address"),
    ],
)
def test_redirect_to_a_private_address_is_refused_before_connecting(
    server, session, reply, connects, location, key
):
    server.route("/go", reply(302, "", {"Location": location}))

    with pytest.raises(FetchRefused) as caught:
        get_json(session, f"{server.base}/go")

    assert caught.value.key == key
    assert all(address[0] == "127.0.0.1" for address in connects)


def test_redirect_loop_is_bounded(server, session, reply):
    server.route("/loop", reply(302, "", {"Location": "{base}/loop"}))

    with pytest.raises(FetchProblem) as caught:
        get_json(session, f"{server.base}/loop")

    assert caught.value.key == "sources.fetch.too_many_redirects"
    assert len(server.paths()) == 6


def test_refused_connection_is_a_connection_problem(session, monkeypatch):
    monkeypatch.setenv("EXPOSURE_FETCH_ALLOW", "127.0.0.1:9")

    with pytest.raises(FetchProblem) as caught:
        get_json(session, "http://127.0.0.1:9/")

    assert caught.value.key == "sources.fetch.connection"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "7"}, 7),
        ({"Retry-After": "Thu, 01 Jan 1970 00:01:40 GMT"}, 40),
        ({"X-RateLimit-Reset": "1970-01-01T00:02:00.000Z"}, 60),
        ({"RateLimit-Reset": "30"}, 30),
        ({"RateLimit-Reset": "1000000090"}, 1000000090 - 60),
        ({"RateLimit": "limit=100, remaining=0, reset=12"}, 12),
        ({}, None),
    ],
)
def test_rate_limit_headers_give_the_wait(headers, expected):
    assert rate_limit_wait(headers, now=60.0) == expected
