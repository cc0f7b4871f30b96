"""The one configured HTTP session the fetchers share, and a guarded JSON GET.

`make_session()` sets timeouts, a bounded urllib3 retry policy (backoff on
connection errors and 5xx, Retry-After honoured up to a cap), the product's user
agent, and connections that are checked by `netguard` at connect time. Proxy
settings from the environment are ignored on purpose: through a proxy the guard
could not see which address is reached.

`get_json()` follows redirects by hand so each hop is checked before it is
contacted, handles 429 with Retry-After and the RateLimit / X-RateLimit headers
(waiting at most MAX_RATE_LIMIT_WAIT), and reads a bounded body.
"""

from __future__ import annotations

import email.utils
import json
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.retry import Retry

from exposure.sources.limits import (
    BACKOFF_FACTOR,
    CONNECT_TIMEOUT,
    MAX_BACKOFF,
    MAX_RATE_LIMIT_RETRIES,
    MAX_RATE_LIMIT_WAIT,
    MAX_REDIRECTS,
    MAX_RESPONSE_BYTES,
    MAX_RETRIES,
    MB,
    READ_TIMEOUT,
)
from exposure.sources.messages import SourceError
from exposure.sources.netguard import FetchRefused, check_url, is_allowed, public_addresses
from exposure.sources.results import Cancel

USER_AGENT = (
    "ExposureTrainer/0.1 (social-media exposure awareness; reads public posts at the "
    "account owner's request)"
)
RETRY_STATUSES = frozenset({500, 502, 503, 504})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_RESET_PARAM = re.compile(r"(?:^|[,;\s])(?:reset|t)\s*=\s*(\d+)")


class FetchProblem(SourceError):
    """A request failed; `status` is the HTTP status when the server answered."""

    def __init__(self, key: str, status: int | None = None, **params: object) -> None:
        super().__init__(key, **params)
        self.status = status
        self.body = b""  # the start of an error response, for callers that read its detail


class Cancelled(Exception):
    """The caller's cancel() asked to stop."""


# --- connections checked at connect time -------------------------------------------


def _connect_to_checked_address(connection: HTTPConnection, connect) -> object:
    host = connection._dns_host
    if is_allowed(host, connection.port):
        return connect()
    last_error: Exception | None = None
    for address in public_addresses(host, connection.port):
        # Connect to the address just checked, not to a fresh DNS answer; TLS still
        # verifies the certificate against the host name (connection.host).
        connection._dns_host = address
        try:
            return connect()
        except urllib3.exceptions.NewConnectionError as exc:
            last_error = exc
        finally:
            connection._dns_host = host
    assert last_error is not None
    raise last_error


class _GuardedHTTPConnection(HTTPConnection):
    def _new_conn(self):
        return _connect_to_checked_address(self, super()._new_conn)


class _GuardedHTTPSConnection(HTTPSConnection):
    def _new_conn(self):
        return _connect_to_checked_address(self, super()._new_conn)


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections refuse internal addresses."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _GuardedHTTPPool,
            "https": _GuardedHTTPSPool,
        }


class _Retry(Retry):
    """urllib3's retry policy, leaving 429 to `get_json`, which reads the rate-limit
    headers and stops instead of waiting when the wait is long."""

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if status_code == 429:
            return False
        return super().is_retry(method, status_code, has_retry_after)


class _Session(requests.Session):
    """A Session with a default timeout, since requests has none."""

    def __init__(self, timeout: tuple[float, float]) -> None:
        super().__init__()
        self.default_timeout = timeout

    def request(self, method, url, **kwargs):  # type: ignore[override]
        kwargs.setdefault("timeout", self.default_timeout)
        return super().request(method, url, **kwargs)


def make_session(
    *,
    connect_timeout: float = CONNECT_TIMEOUT,
    read_timeout: float = READ_TIMEOUT,
    retries: int = MAX_RETRIES,
    backoff_factor: float = BACKOFF_FACTOR,
    user_agent: str = USER_AGENT,
) -> requests.Session:
    """The configured session; create one and pass it to every fetcher call."""
    session = _Session((connect_timeout, read_timeout))
    session.trust_env = False
    retry = _Retry(
        total=retries,
        connect=retries,
        read=min(retries, 1),
        status=retries,
        other=0,
        redirect=0,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}),
        backoff_factor=backoff_factor,
        backoff_max=MAX_BACKOFF,
        respect_retry_after_header=True,
        retry_after_max=int(MAX_RATE_LIMIT_WAIT),
        raise_on_status=False,
        raise_on_redirect=False,
    )
    adapter = GuardedAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers.update({"User-Agent": user_agent, "Accept": "application/json"})
    return session


# --- rate limits ----------------------------------------------------------------------


def _seconds_until(value: str, now: float) -> float | None:
    value = value.strip()
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is not None:
        # Bluesky sends a Unix time, the IETF draft and Retry-After a number of seconds.
        return number - now if number > 1_000_000_000 else number
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() - now


def rate_limit_wait(headers, now: float | None = None) -> float | None:
    """Seconds to wait before the next request, from the 429 or rate-limit headers."""
    now = time.time() if now is None else now
    candidates: list[float | None] = []
    if headers.get("Retry-After"):
        candidates.append(_seconds_until(headers["Retry-After"], now))
    for name in ("RateLimit-Reset", "X-RateLimit-Reset", "X-Rate-Limit-Reset"):
        if headers.get(name):
            candidates.append(_seconds_until(headers[name], now))
    if headers.get("RateLimit"):
        match = _RESET_PARAM.search(headers["RateLimit"])
        if match:
            candidates.append(float(match.group(1)))
    waits = [c for c in candidates if c is not None]
    return max(0.0, waits[0]) if waits else None


def exhausted(headers) -> bool:
    """True when a success response says no requests are left in this window."""
    for name in ("RateLimit-Remaining", "X-RateLimit-Remaining", "X-Rate-Limit-Remaining"):
        value = headers.get(name)
        if value is not None:
            try:
                return float(value) <= 0
            except ValueError:
                return False
    return False


def wait_or_cancel(seconds: float, cancel: Cancel | None) -> None:
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        if cancel is not None and cancel():
            raise Cancelled
        time.sleep(min(left, 0.25))


# --- one guarded GET ------------------------------------------------------------------


@dataclass
class JsonPage:
    data: object
    url: str
    next_url: str | None = None  # from the Link header, rel="next"
    wait_before_next: float = 0.0  # the rate limit is used up until then
    headers: dict[str, str] = field(default_factory=dict)


def _host(url: str) -> str:
    return urlsplit(url).hostname or url[:100]


def _is_read_timeout(exc: BaseException) -> bool:
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, urllib3.exceptions.NewConnectionError):
            continue  # a subclass of ConnectTimeoutError in urllib3, yet a refusal
        if isinstance(current, urllib3.exceptions.TimeoutError | requests.Timeout | TimeoutError):
            return True
        stack.extend([current.__cause__, current.__context__, getattr(current, "reason", None)])
        stack.extend(arg for arg in current.args if isinstance(arg, BaseException))
    return False


def _send(session: requests.Session, url: str, params: dict | None) -> requests.Response:
    """GET one URL, following redirects by hand after checking each hop."""
    for _hop in range(MAX_REDIRECTS + 1):
        check_url(url)
        try:
            response = session.get(url, params=params, allow_redirects=False, stream=True)
        except FetchRefused:
            raise
        except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
            key = "sources.fetch.timeout" if _is_read_timeout(exc) else "sources.fetch.connection"
            raise FetchProblem(key, host=_host(url)) from exc
        location = response.headers.get("Location")
        if response.status_code in _REDIRECT_STATUSES and location:
            response.close()
            url = urljoin(response.url, location)
            params = None
            continue
        return response
    raise FetchProblem("sources.fetch.too_many_redirects", host=_host(url))


def _read_body(response: requests.Response, url: str) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
        response.close()
        raise FetchProblem(
            "sources.fetch.too_big", host=_host(url), limit_mb=MAX_RESPONSE_BYTES // MB
        )
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:
                raise FetchProblem(
                    "sources.fetch.too_big", host=_host(url), limit_mb=MAX_RESPONSE_BYTES // MB
                )
            chunks.append(chunk)
    except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
        key = "sources.fetch.timeout" if _is_read_timeout(exc) else "sources.fetch.connection"
        raise FetchProblem(key, host=_host(url)) from exc
    finally:
        response.close()
    return b"".join(chunks)


def get_json(
    session: requests.Session,
    url: str,
    params: dict | None = None,
    *,
    cancel: Cancel | None = None,
) -> JsonPage:
    """GET `url` and parse the JSON answer; FetchProblem or FetchRefused on failure."""
    for attempt in range(MAX_RATE_LIMIT_RETRIES + 1):
        response = _send(session, url, params)
        if response.status_code != 429:
            break
        wait = rate_limit_wait(response.headers)
        response.close()
        wait = 1.0 if wait is None else wait
        if wait > MAX_RATE_LIMIT_WAIT or attempt == MAX_RATE_LIMIT_RETRIES:
            raise FetchProblem(
                "sources.fetch.rate_limited", status=429, host=_host(url), seconds=int(wait + 1)
            )
        wait_or_cancel(wait, cancel)
    if response.status_code >= 400:
        status = response.status_code
        body = _read_body(response, url)
        problem = FetchProblem("sources.fetch.http_status", status=status, host=_host(url))
        problem.body = body[:2000]
        raise problem
    body = _read_body(response, url)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise FetchProblem("sources.fetch.bad_json", host=_host(url)) from exc
    next_link = response.links.get("next", {}).get("url")
    wait = 0.0
    if exhausted(response.headers):
        wait = rate_limit_wait(response.headers) or 0.0
    return JsonPage(
        data=data,
        url=response.url,
        next_url=urljoin(response.url, next_link) if next_link else None,
        wait_before_next=wait,
        headers=dict(response.headers),
    )
