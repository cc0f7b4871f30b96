"""The SSRF guard: https only, no internal addresses, except the explicit allow-list."""

from __future__ import annotations

import pytest
import requests

from exposure.sources import FetchRefused, fetch_bluesky, fetch_mastodon
from exposure.sources.netguard import check_url, is_public_address


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 - an address under test; nothing binds to it
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "::ffff:8.8.8.8",
        "2002:7f00:1::1",
        "64:ff9b::a00:1",
        "ff02::1",
    ],
)
def test_internal_addresses_are_not_public(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses_are_public(address):
    assert is_public_address(address)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("http://mastodon.example/", "sources.fetch.https_only"),
        ("ftp://mastodon.example/", "sources.fetch.bad_url"),
        ("https://127.0.0.1/", "sources.fetch.internal_address"),
        ("https://localhost:8443/", "sources.fetch.internal_address"),
        ("https://10.0.0.1/api", "sources.fetch.internal_address"),
        ("https://[::1]/", "sources.fetch.internal_address"),
        ("https://169.254.169.254/latest/meta-data/", "sources.fetch.internal_address"),
        ("https://0x7f000001/", "sources.fetch.internal_address"),
        ("https://:443/", "sources.fetch.bad_url"),
    ],
)
def test_check_url_refuses(url, key, monkeypatch):
    monkeypatch.delenv("EXPOSURE_FETCH_ALLOW", raising=False)

    with pytest.raises(FetchRefused) as caught:
        check_url(url)

    assert caught.value.key == key


def test_allow_list_admits_exactly_the_named_host_and_port(monkeypatch):
    monkeypatch.setenv("EXPOSURE_FETCH_ALLOW", "127.0.0.1:8080, mastodon.intra:443")

    assert check_url("http://127.0.0.1:8080/x") == ("http", "127.0.0.1", 8080)
    assert check_url("https://Mastodon.Intra/api")[1] == "mastodon.intra"
    with pytest.raises(FetchRefused):
        check_url("http://127.0.0.1:8081/")


def test_guard_refuses_the_loopback_server_when_not_allow_listed(
    server, reply, monkeypatch, connects
):
    monkeypatch.delenv("EXPOSURE_FETCH_ALLOW")
    server.route("/api/v1/accounts/lookup", reply(200, {"id": "1"}))

    for instance in (server.base, f"https://127.0.0.1:{server.port}"):
        with pytest.raises(FetchRefused):
            fetch_mastodon(instance, "dennis")
    with pytest.raises(FetchRefused):
        fetch_bluesky("dennis.bsky.social", api=server.base)

    assert server.paths() == []
    assert connects == []


def test_connections_are_checked_even_when_the_url_check_is_bypassed(
    server, session, monkeypatch, connects
):
    # As if DNS answered differently between the URL check and the connection:
    # the adapter checks the address it actually connects to.
    monkeypatch.setenv("EXPOSURE_FETCH_ALLOW", "127.0.0.1:1")

    with pytest.raises(FetchRefused) as caught:
        session.get(f"{server.base}/anything", timeout=2)

    assert caught.value.key == "sources.fetch.internal_address"
    assert server.paths() == []
    assert connects == []


def test_session_ignores_proxy_settings_from_the_environment(monkeypatch, session):
    monkeypatch.setenv("HTTPS_PROXY", "http://10.0.0.1:3128")

    assert session.trust_env is False
    assert requests.utils.get_environ_proxies("https://example.org") != {}
