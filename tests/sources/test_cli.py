"""`python -m exposure import` and `fetch`, run as a user would run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, env_extra: dict | None = None, stdin: bytes | None = None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "exposure", *args],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def test_import_prints_one_post_per_line(tmp_path, export):
    path = tmp_path / "twitter.zip"
    path.write_bytes(
        export.zip_of(
            {
                "data/tweets.js": export.tweets_js(
                    [export.tweet("1", "Poort 3 &amp; nachtdienst"), export.tweet("2", "RT @a: b")]
                )
            }
        )
    )

    done = run("import", str(path), "--format", "jsonl")

    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.decode().splitlines()
    record = json.loads(line)
    assert record["id"] == "x-1" and record["text"] == "Poort 3 & nachtdienst"
    assert set(record) == {"id", "text", "lang", "platform", "created_at", "url", "author"}
    assert b"Skipped: 1 retweets" in done.stderr


def test_import_csv_output_and_text_column(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("nr;bericht\n1;hallo\n", encoding="utf-8")

    done = run("import", str(path), "--format", "csv", "--text-column", "bericht")

    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines() == [
        "id,text,lang,platform,created_at,url,author",
        "csv-1,hallo,,csv,,,",
    ]


def test_import_reads_stdin():
    done = run("import", "-", stdin=b'{"id": "s", "text": "van stdin"}\n')

    assert done.returncode == 0
    assert json.loads(done.stdout)["text"] == "van stdin"


@pytest.mark.parametrize(
    ("content", "needle"),
    [(b"zomaar tekst", b"Accepted are"), (b"[{]", b"not valid JSON")],
)
def test_import_errors_are_one_clear_line_and_exit_1(tmp_path, content, needle):
    path = tmp_path / "upload.json"
    path.write_bytes(content)

    done = run("import", str(path))

    assert done.returncode == 1
    assert done.stdout == b""
    assert needle in done.stderr
    assert b"Traceback" not in done.stderr


def test_missing_file_is_a_clear_error(tmp_path):
    done = run("import", str(tmp_path / "nope.zip"))

    assert done.returncode == 1
    assert b"cannot open" in done.stderr


def test_fetch_mastodon_prints_posts_and_progress(server, reply):
    server.route("/api/v1/accounts/lookup", reply(200, {"id": "5", "acct": "ingrid"}))
    server.route(
        "/api/v1/accounts/5/statuses",
        reply(
            200,
            [
                {
                    "id": "9",
                    "uri": "https://x.example/users/ingrid/statuses/9",
                    "created_at": "2024-05-01T10:00:00Z",
                    "content": "<p>Tanker aan steiger 4</p>",
                    "language": "nl",
                    "reblog": None,
                }
            ],
        ),
    )

    done = run(
        "fetch",
        "mastodon",
        "--instance",
        server.base,
        "--account",
        "ingrid",
        "--limit",
        "10",
        env_extra={"EXPOSURE_FETCH_ALLOW": f"127.0.0.1:{server.port}"},
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["text"] == "Tanker aan steiger 4"
    assert b"fetched 1" in done.stderr


def test_fetch_bluesky_opted_out_exits_non_zero(server, reply):
    server.route(
        "/xrpc/app.bsky.actor.getProfile",
        reply(200, {"did": "did:plc:x", "labels": [{"val": "!no-unauthenticated"}]}),
    )

    done = run(
        "fetch",
        "bluesky",
        "--actor",
        "bas.bsky.social",
        "--api",
        server.base,
        env_extra={"EXPOSURE_FETCH_ALLOW": f"127.0.0.1:{server.port}"},
    )

    assert done.returncode == 1
    assert done.stdout == b""
    assert b"logged in" in done.stderr


def test_fetch_refuses_loopback_without_the_allow_list(server):
    env = {"EXPOSURE_FETCH_ALLOW": ""}

    done = run("fetch", "mastodon", "--instance", server.base, "--account", "x", env_extra=env)

    assert done.returncode == 1
    assert b"https://" in done.stderr
    assert server.paths() == []


def test_fetch_limit_is_validated():
    done = run("fetch", "bluesky", "--actor", "a.bsky.social", "--limit", "0")

    assert done.returncode == 2
    assert b"--limit" in done.stderr


def test_import_output_feeds_the_scanner(tmp_path):
    imported = run("import", "data/sample_posts/posts.jsonl")
    assert imported.returncode == 0
    lines = imported.stdout.decode().splitlines()[:5]

    scanned = run("scan", "-", "--format", "jsonl", stdin="\n".join(lines).encode() + b"\n")

    assert scanned.returncode == 0, scanned.stderr[-2000:]
    results = [json.loads(line) for line in scanned.stdout.decode().splitlines()]
    assert [r["id"] for r in results] == [json.loads(line)["id"] for line in lines]
