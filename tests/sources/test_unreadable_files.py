"""Files that are not what they claim, or not posts at all: a clear message each."""

from __future__ import annotations

import io

import pytest

from exposure.sources import SourceError, read_export
from exposure.sources.limits import MAX_FILE_BYTES


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("your_posts_1.json", b"", "sources.empty"),
        ("posts.csv", b"   \n\n", "sources.empty"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(200), "sources.not_text"),
        ("notes.txt", b"Boodschappen: melk, brood, kaas", "sources.unknown_format"),
        ("outbox.json", b'{"hello": "world", "n": 3}', "sources.unknown_format"),
        (
            "repo.car",
            b"\x3a\xa2eroots\x81\xd8*X%\x00\x01qgversion\x01",
            "sources.bluesky_car_damaged",
        ),
    ],
)
def test_unreadable_input_gets_its_own_message(name, data, key):
    with pytest.raises(SourceError) as caught:
        read_export(name, data)

    assert caught.value.key == key
    assert caught.value.text("nl") != caught.value.text("en")


def test_unknown_format_lists_the_accepted_formats_in_both_languages():
    with pytest.raises(SourceError) as caught:
        read_export("notes.txt", b"zomaar wat tekst")

    for lang in ("en", "nl"):
        text = caught.value.text(lang)
        for fmt in ("tweets.js", "your_posts", "posts_1.json", "Shares.csv", "outbox.json", ".car"):
            assert fmt in text


def test_a_file_over_the_cap_is_refused_before_parsing():
    data = b'{"text": "a"}\n' * (MAX_FILE_BYTES // 14 + 1)
    assert len(data) > MAX_FILE_BYTES

    with pytest.raises(SourceError) as caught:
        read_export("posts.jsonl", data)

    assert caught.value.key == "sources.file_too_large"
    assert "50 MB" in caught.value.message


def test_a_stream_over_the_cap_is_not_read_past_the_cap():
    stream = io.BytesIO(b"a" * (MAX_FILE_BYTES + 10_000))

    with pytest.raises(SourceError) as caught:
        read_export("posts.csv", stream)

    assert caught.value.key == "sources.file_too_large"
    assert stream.tell() == MAX_FILE_BYTES + 1


def test_a_binary_file_object_is_read_like_bytes(export):
    stream = io.BytesIO(export.tweets_js([export.tweet("1", "hoi")]))

    assert [p.text for p in read_export("tweets.js", stream).posts] == ["hoi"]


def test_deeply_nested_json_is_refused_cleanly():
    data = b"[" * 200_000 + b"]" * 200_000

    with pytest.raises(SourceError) as caught:
        read_export("your_posts_1.json", data)

    assert caught.value.key == "sources.too_deep"
