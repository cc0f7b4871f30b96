"""Fixtures for the post-source tests.

- `export`: builders for files in the shapes real platform exports have (tweets.js,
  your_posts_1.json, posts_1.json, Shares.csv, outbox.json, zip and tar.gz archives),
  all made in memory.
- `server`: a real HTTP server on 127.0.0.1 in a thread, answering from routes the
  test sets (`server.route(path, handler)`), recording every request it gets, with
  EXPOSURE_FETCH_ALLOW naming it so the fetchers may reach it.
- `session`: the product's configured session with short timeouts and quick retries.
- `connects`: the addresses this process opened sockets to during the test, read
  from the interpreter's audit events, to show that a refused address was never
  contacted.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tarfile
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest

from exposure.sources.http import make_session

# --- export builders ------------------------------------------------------------------


def tweets_js(tweets: list[dict], variable: str = "tweets", part: int = 0) -> bytes:
    items = [{"tweet": t} for t in tweets]
    return f"window.YTD.{variable}.part{part} = {json.dumps(items, indent=2)}".encode()


def tweet(
    id_: str,
    text: str,
    created_at: str = "Fri Mar 08 21:47:12 +0000 2024",
    lang: str = "nl",
    **extra,
) -> dict:
    return {
        "edit_info": {"initial": {"editTweetIds": [id_], "editableUntil": "2024-03-08T22:47"}},
        "retweeted": False,
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
        "display_text_range": ["0", str(len(text))],
        "favorite_count": "3",
        "id_str": id_,
        "truncated": False,
        "retweet_count": "0",
        "id": id_,
        "created_at": created_at,
        "favorited": False,
        "full_text": text,
        "lang": lang,
        **extra,
    }


def account_js(username: str) -> bytes:
    items = [{"account": {"email": "x@example.org", "username": username, "accountId": "42"}}]
    return f"window.YTD.account.part0 = {json.dumps(items)}".encode()


def mojibake(text: str) -> str:
    """How Meta's exports write non-ASCII text: UTF-8 bytes as Latin-1 code points."""
    return text.encode("utf-8").decode("latin-1")


def facebook_posts(posts: list[tuple[int, str | None]]) -> bytes:
    entries = []
    for timestamp, text in posts:
        entry: dict = {
            "timestamp": timestamp,
            "title": mojibake("Dennis Wübbena heeft iets gedeeld."),
        }
        if text is None:
            entry["attachments"] = [{"data": [{"media": {"uri": "photos/1.jpg"}}]}]
        else:
            entry["data"] = [{"post": mojibake(text)}, {"update_timestamp": timestamp + 5}]
        entries.append(entry)
    return json.dumps(entries, indent=2).encode()


def instagram_posts(posts: list[tuple[int, str | None]], caption_on_media: bool = False) -> bytes:
    entries = []
    for timestamp, caption in posts:
        media = {
            "uri": f"media/posts/202403/{timestamp}.jpg",
            "creation_timestamp": timestamp,
            "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 53.3}]}},
            "title": mojibake(caption) if caption and caption_on_media else "",
        }
        entry: dict = {"media": [media]}
        if caption and not caption_on_media:
            entry["title"] = mojibake(caption)
            entry["creation_timestamp"] = timestamp
        entries.append(entry)
    return json.dumps(entries).encode()


def shares_csv(rows: list[tuple[str, str, str]], notes: bool = True) -> bytes:
    """(date, share urn number, commentary) rows as LinkedIn's Shares.csv."""
    out = io.StringIO()
    if notes:
        out.write('Notes:\n"This file contains all the posts you have shared on LinkedIn."\n\n')
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"])
    for date, urn, text in rows:
        link = f"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{urn}"
        writer.writerow([date, link, text, "", "", "MEMBER_NETWORK"])
    return out.getvalue().encode()


PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def outbox(items: list[dict]) -> bytes:
    return json.dumps(
        {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": "outbox.json",
            "type": "OrderedCollection",
            "totalItems": len(items),
            "orderedItems": items,
        }
    ).encode()


def create_note(
    status_id: str,
    html: str,
    published: str = "2024-05-02T06:12:00Z",
    to: list[str] | None = None,
    lang: str = "nl",
    summary: str | None = None,
) -> dict:
    uri = f"https://social.example/users/dennis/statuses/{status_id}"
    to = [PUBLIC] if to is None else to
    return {
        "id": f"{uri}/activity",
        "type": "Create",
        "actor": "https://social.example/users/dennis",
        "published": published,
        "to": to,
        "cc": ["https://social.example/users/dennis/followers"] if PUBLIC in to else [],
        "object": {
            "id": uri,
            "type": "Note",
            "summary": summary,
            "url": f"https://social.example/@dennis/{status_id}",
            "published": published,
            "to": to,
            "content": html,
            "contentMap": {lang: html},
        },
    }


def announce(status_id: str) -> dict:
    return {
        "id": f"https://social.example/users/dennis/statuses/{status_id}/activity",
        "type": "Announce",
        "actor": "https://social.example/users/dennis",
        "published": "2024-05-03T10:00:00Z",
        "to": [PUBLIC],
        "object": "https://other.example/users/someone/statuses/1",
    }


def zip_of(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def tar_gz_of(files: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            archive.addfile(info)
    return buffer.getvalue()


@pytest.fixture
def export() -> SimpleNamespace:
    return SimpleNamespace(
        tweets_js=tweets_js,
        tweet=tweet,
        account_js=account_js,
        mojibake=mojibake,
        facebook_posts=facebook_posts,
        instagram_posts=instagram_posts,
        shares_csv=shares_csv,
        outbox=outbox,
        create_note=create_note,
        announce=announce,
        zip_of=zip_of,
        tar_gz_of=tar_gz_of,
        PUBLIC=PUBLIC,
    )


# --- a real HTTP server ---------------------------------------------------------------


@dataclass
class Reply:
    status: int = 200
    body: bytes | str | dict | list = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Handler = Callable[[dict[str, list[str]], "TestServer"], Reply]


class TestServer:
    __test__ = False  # not a test class

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[tuple[str, dict[str, list[str]], dict[str, str]]] = []
        self.lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                with server.lock:
                    server.requests.append((parts.path, query, dict(self.headers)))
                handler = server.routes.get(parts.path)
                reply = handler(query, server) if handler else Reply(404, {"error": "not found"})
                if reply.delay:
                    threading.Event().wait(reply.delay)
                body = reply.body
                if isinstance(body, dict | list):
                    body = json.dumps(body).encode()
                elif isinstance(body, str):
                    body = body.encode()
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value.replace("{base}", server.base))
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def route(self, path: str, handler: Handler | Reply) -> None:
        self.routes[path] = handler if callable(handler) else (lambda q, s, r=handler: r)

    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _query, _headers in self.requests]


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch):
    test_server = TestServer()
    test_server.thread.start()
    monkeypatch.setenv("EXPOSURE_FETCH_ALLOW", f"127.0.0.1:{test_server.port}")
    yield test_server
    test_server.httpd.shutdown()
    test_server.httpd.server_close()


@pytest.fixture
def session():
    """The product's session, with timeouts and backoff short enough for tests."""
    configured = make_session(connect_timeout=2.0, read_timeout=0.5, backoff_factor=0.05)
    yield configured
    configured.close()


@pytest.fixture
def reply() -> type[Reply]:
    return Reply


# Every socket connect in this process is reported to audit hooks; the tests read the
# record to show that a refused address was never contacted. A hook cannot be removed,
# so it only records while a test asks it to.
_connects: list[object] = []
_recording = threading.Event()


def _audit(event: str, args: tuple) -> None:
    if event == "socket.connect" and _recording.is_set():
        _connects.append(args[1])


sys.addaudithook(_audit)


@pytest.fixture
def connects():
    _connects.clear()
    _recording.set()
    yield _connects
    _recording.clear()
