"""Keeps the fetchers away from internal networks (server-side request forgery).

A user types an instance URL or handle, and the server fetches it; without a guard
that URL could point at the database, a cloud metadata service or a router. Rules:
- https only;
- the host is resolved and refused when any of its addresses is not a public one
  (private, loopback, link-local, multicast, reserved, unspecified, carrier-grade
  NAT, IPv6 unique-local, IPv4-mapped or embedding a non-public IPv4 address);
- every redirect hop is checked again before it is followed;
- the connection itself goes to an address checked at connect time (see
  `guarded_adapter`), so a DNS answer that changes between the check and the
  connection (DNS rebinding) still cannot reach an internal address.
The one exception is the allow-list in EXPOSURE_FETCH_ALLOW ("host:port,..."): those
exact host and port pairs may be reached over http or https whatever they resolve to,
for on-premise instances and tests.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from urllib.parse import urlsplit

from exposure.sources.messages import SourceError

ALLOW_ENV = "EXPOSURE_FETCH_ALLOW"
_DEFAULT_PORTS = {"https": 443, "http": 80}
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchRefused(SourceError):
    """The address may not be fetched; nothing was sent to it."""


def allow_list() -> frozenset[tuple[str, int]]:
    """The (host, port) pairs named in EXPOSURE_FETCH_ALLOW, read on every call."""
    pairs: set[tuple[str, int]] = set()
    for entry in os.environ.get(ALLOW_ENV, "").split(","):
        entry = entry.strip()
        if not entry:
            continue
        host, sep, port = entry.rpartition(":")
        if not sep or not port.isdigit():
            continue  # an entry without a port allows nothing
        pairs.add((host.strip("[]").lower().rstrip("."), int(port)))
    return frozenset(pairs)


def is_allowed(host: str, port: int) -> bool:
    return (host.strip("[]").lower().rstrip("."), port) in allow_list()


def is_public_address(address: str) -> bool:
    """True only for addresses that are routable on the public internet."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None or ip in _NAT64:
            return False
        embedded = ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None and not is_public_address(str(embedded)):
            return False
    elif ip in _CGNAT:
        return False
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def public_addresses(host: str, port: int) -> list[str]:
    """The addresses of `host`, all checked; FetchRefused if any is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchRefused("sources.fetch.unresolvable", host=host) from exc
    addresses: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = str(sockaddr[0])
        if not is_public_address(address):
            # One internal address is enough to refuse: which one the connection
            # would use is not ours to choose.
            raise FetchRefused("sources.fetch.internal_address", host=host, address=address)
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchRefused("sources.fetch.unresolvable", host=host)
    return addresses


def check_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL that may be fetched; FetchRefused otherwise.

    Resolves the host, so no request is ever started towards a refused address.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchRefused("sources.fetch.bad_url", url=url[:200]) from exc
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host:
        raise FetchRefused("sources.fetch.bad_url", url=url[:200])
    port = port or _DEFAULT_PORTS[scheme]
    if is_allowed(host, port):
        return scheme, host, port
    if scheme != "https":
        raise FetchRefused("sources.fetch.https_only", url=url[:200])
    public_addresses(host, port)
    return scheme, host, port
