"""Whatever bytes arrive, read_export answers with posts or a SourceError, never a crash."""

from __future__ import annotations

import io
import json
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exposure.sources import SourceError, read_export
from exposure.sources.htmltext import html_to_text

NAMES = st.sampled_from(
    [
        "tweets.js",
        "your_posts_1.json",
        "posts_1.json",
        "Shares.csv",
        "outbox.json",
        "posts.jsonl",
        "posts.csv",
        "archive.tar.gz",
        "export.zip",
        "upload",
    ]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(
                [
                    "tweet",
                    "full_text",
                    "id_str",
                    "created_at",
                    "data",
                    "post",
                    "timestamp",
                    "media",
                    "title",
                    "creation_timestamp",
                    "orderedItems",
                    "type",
                    "object",
                    "content",
                    "text",
                    "id",
                    "lang",
                    "to",
                    "summary",
                    "published",
                ]
            )
            | st.text(max_size=8),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(name: str, data: bytes) -> None:
    try:
        result = read_export(name, data)
    except SourceError as error:
        # The catch-all message means a parser let an exception through: a bug.
        assert error.key != "sources.unreadable", error.__cause__
        assert error.message
        return
    assert result.posts
    assert all(post.text.strip() and post.id for post in result.posts)


@SETTINGS
@given(NAMES, st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(name, data):
    _read(name, data)


@SETTINGS
@given(NAMES, JSON_VALUES)
def test_arbitrary_json_never_crashes(name, value):
    _read(name, json.dumps(value).encode())


@SETTINGS
@given(JSON_VALUES, st.sampled_from(["tweets", "tweet", "account", "like"]))
def test_arbitrary_tweets_js_never_crashes(value, variable):
    _read("tweets.js", f"window.YTD.{variable}.part0 = {json.dumps(value)}".encode())


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "data/tweets.js",
                "posts_1.json",
                "your_posts_1.json",
                "Shares.csv",
                "outbox.json",
                "actor.json",
                "data/account.js",
                "a.csv",
                "x/../y",
            ]
        ),
        st.binary(max_size=300) | JSON_VALUES.map(lambda v: json.dumps(v).encode()),
        max_size=4,
    )
)
def test_arbitrary_zip_members_never_crash(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    _read("export.zip", buffer.getvalue())


@SETTINGS
@given(st.binary(min_size=1, max_size=400))
def test_damaged_zip_tails_never_crash(tail):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data/tweets.js", b"window.YTD.tweets.part0 = []")
    data = buffer.getvalue()
    _read("export.zip", data[: len(data) // 2] + tail)


@SETTINGS
@given(st.text(max_size=500))
def test_html_to_text_accepts_any_text(html):
    assert isinstance(html_to_text(html), str)


@SETTINGS
@given(
    st.text(
        alphabet=st.characters(
            whitelist_categories=("L", "N", "P"),
            whitelist_characters=" \n\t",
            blacklist_characters="<>&",
        ),
        max_size=100,
    )
)
def test_plain_text_in_a_paragraph_survives_html_to_text(words):
    expected = " ".join(words.split())
    assert html_to_text(f"<p>{words}</p>") == expected
