"""Facebook and Instagram JSON exports, with Meta's Latin-1 mojibake."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from exposure.sources import SourceError, read_export

NEW_FB_PATH = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"


def test_facebook_posts_are_repaired_and_photo_only_entries_skipped(export):
    data = export.facebook_posts(
        [
            (1709931600, "Weer nachtdienst 😴 café open om 6 uur? Ik sta tot 06:00 bij de tankput"),
            (1709935200, None),
        ]
    )

    result = read_export("your_posts_1.json", data)

    assert result.platform == "facebook"
    (post,) = result.posts
    assert post.text == "Weer nachtdienst 😴 café open om 6 uur? Ik sta tot 06:00 bij de tankput"
    assert post.created_at == datetime(2024, 3, 8, 21, 0, tzinfo=UTC)
    assert result.skipped_counts == {"no_text": 1}


def test_facebook_new_and_old_paths_in_zips(export):
    for path in (NEW_FB_PATH, "posts/your_posts_1.json"):
        archive = export.zip_of(
            {path: export.facebook_posts([(1700000000, "Jarig! 🎉")]), "photos/1.jpg": b"x"}
        )

        result = read_export("facebook-dennis.zip", archive)

        assert [p.text for p in result.posts] == ["Jarig! 🎉"]


def test_mixed_latin1_and_correct_utf8_strings_are_each_kept_right(export):
    # Meta's usual mojibake, a string already correct, and one with a real Latin-1
    # character that must not be "repaired" into something else.
    entries = [
        {
            "timestamp": 1700000000,
            "data": [{"post": export.mojibake("Tot morgen, één dienst nog")}],
        },
        {"timestamp": 1700000100, "data": [{"post": "Prijs: €20 😀"}]},
        {"timestamp": 1700000200, "data": [{"post": "Ã la carte"}]},
    ]

    result = read_export("your_posts_1.json", json.dumps(entries).encode())

    assert [p.text for p in result.posts] == [
        "Tot morgen, één dienst nog",
        "Prijs: €20 😀",
        "Ã la carte",
    ]


def test_instagram_captions_from_entry_or_first_media(export):
    entry_caption = export.instagram_posts([(1711000000, "Uitzicht vanaf blok C 🌅 #Delfzijl")])
    media_caption = export.instagram_posts(
        [(1711000500, "Zeehavenkanaal bij nacht"), (1711000600, None)], caption_on_media=True
    )

    first = read_export("posts_1.json", entry_caption)
    second = read_export("posts_1.json", media_caption)

    assert first.platform == second.platform == "instagram"
    assert [p.text for p in first.posts] == ["Uitzicht vanaf blok C 🌅 #Delfzijl"]
    assert [p.text for p in second.posts] == ["Zeehavenkanaal bij nacht"]
    assert second.posts[0].created_at == datetime.fromtimestamp(1711000500, tz=UTC)
    assert second.skipped_counts == {"no_text": 1}


def test_instagram_new_path_in_zip(export):
    archive = export.zip_of(
        {
            "your_instagram_activity/content/posts_1.json": export.instagram_posts(
                [(1711000000, "Koffie ☕")]
            ),
            "media/posts/202403/1.jpg": b"\xff\xd8",
        }
    )

    assert [p.text for p in read_export("instagram-x.zip", archive).posts] == ["Koffie ☕"]


def test_facebook_file_named_like_instagram_is_read_as_facebook_with_a_warning(export):
    data = export.facebook_posts([(1700000000, "Dit is Facebook")])

    result = read_export("posts_1.json", data)

    assert result.platform == "facebook"
    assert [p.text for p in result.posts] == ["Dit is Facebook"]
    (warning,) = [w for w in result.warnings if w.key == "sources.warn.misleading_name"]
    assert "Instagram" in warning and "Facebook" in warning
    assert "Instagram" in warning.text("nl")


def test_empty_facebook_export_says_there_are_no_posts():
    with pytest.raises(SourceError) as caught:
        read_export("your_posts_1.json", b"[]")

    assert caught.value.key == "sources.no_posts"


def test_truncated_facebook_export_is_called_incomplete(export):
    data = export.facebook_posts([(1700000000, "a"), (1700000100, "b")])

    with pytest.raises(SourceError) as caught:
        read_export("your_posts_1.json", data[: len(data) // 2])

    assert caught.value.key == "sources.truncated_json"
    assert "incomplete" in caught.value.message
    assert "onvolledig" in caught.value.text("nl")


def test_broken_json_names_the_place(export):
    data = b'[{"timestamp": 1700000000, "data": [{"post": "a"}]},, {"x": 1}]'

    with pytest.raises(SourceError) as caught:
        read_export("your_posts_1.json", data)

    assert caught.value.key == "sources.broken_json"
    assert caught.value.params["line"] == 1
