"""LinkedIn Shares.csv and Mastodon archives."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from exposure.sources import SourceError, read_export


def test_shares_csv_with_notes_block_and_multiline_commentary(export):
    commentary = (
        'Trots op ons team! 🚀 Vorige week 1.200 containers verwerkt.\n\n"Samen sterk"\n'
        "#logistiek #Eemshaven"
    )
    data = export.shares_csv(
        [("2024-04-12 08:14:33", "7184", commentary), ("2024-04-13 09:00:00", "7185", "")]
    )

    result = read_export("Shares.csv", data)

    assert result.platform == "linkedin"
    (post,) = result.posts
    assert post.text == commentary
    assert post.id == "linkedin-7184"
    assert post.created_at == datetime(2024, 4, 12, 8, 14, 33, tzinfo=UTC)
    assert post.url.startswith("https://www.linkedin.com/feed/update/")
    assert result.skipped_counts == {"no_text": 1}


def test_shares_csv_without_notes_block(export):
    data = export.shares_csv([("2024-01-02 10:00:00", "1", "Nieuwe baan!")], notes=False)

    assert [p.text for p in read_export("Shares.csv", data).posts] == ["Nieuwe baan!"]


def test_linkedin_zip_export(export):
    archive = export.zip_of(
        {
            "Shares.csv": export.shares_csv([("2024-01-02 10:00:00", "1", "Hallo netwerk")]),
            "Connections.csv": b"First Name,Last Name\nA,B\n",
        }
    )

    result = read_export("Basic_LinkedInDataExport_05-01-2024.zip", archive)

    assert result.platform == "linkedin"
    assert [p.text for p in result.posts] == ["Hallo netwerk"]


def test_outbox_keeps_notes_as_text_and_skips_boosts_and_direct_messages(export):
    data = export.outbox(
        [
            export.create_note(
                "111",
                '<p>Vannacht alleen in de <a href="https://social.example/tags/controlekamer" '
                'class="mention hashtag">#<span>controlekamer</span></a></p><p>koffie&amp;'
                "stroopwafels<br>tot 06:00</p>",
            ),
            export.announce("112"),
            export.create_note(
                "113",
                "<p>geheim</p>",
                to=["https://social.example/users/kevin"],
            ),
            export.create_note("114", "<p>Content warning test</p>", summary="werk", lang="en"),
        ]
    )

    result = read_export("outbox.json", data)

    assert result.platform == "mastodon"
    first, second = result.posts
    assert first.text == "Vannacht alleen in de #controlekamer\n\nkoffie&stroopwafels\ntot 06:00"
    assert first.id == "mastodon-111"
    assert first.lang == "nl"
    assert first.created_at == datetime(2024, 5, 2, 6, 12, tzinfo=UTC)
    assert first.url == "https://social.example/@dennis/111"
    assert second.text == "werk\n\nContent warning test"
    assert second.lang == "en"
    assert result.skipped_counts == {"boost": 1, "direct": 1}


def test_mastodon_tar_gz_archive_reads_outbox_and_actor(export):
    archive = export.tar_gz_of(
        {
            "actor.json": b'{"type": "Person", "preferredUsername": "dennis"}',
            "outbox.json": export.outbox([export.create_note("7", "<p>Hoi</p>")]),
            "likes.json": b'{"orderedItems": []}',
            "media_attachments/files/1.png": b"\x89PNG",
        }
    )

    result = read_export("archive-20240501120000-0123abcd.tar.gz", archive)

    assert [(p.text, p.author) for p in result.posts] == [("Hoi", "dennis")]


def test_tar_with_symlink_is_refused(export):
    archive = export.tar_gz_of(
        {"outbox.json": export.outbox([export.create_note("7", "<p>Hoi</p>")])},
        links={"actor.json": "/etc/passwd"},
    )

    with pytest.raises(SourceError) as caught:
        read_export("archive.tar.gz", archive)

    assert caught.value.key == "sources.archive_link"


def test_tar_with_traversal_name_is_refused(export):
    archive = export.tar_gz_of({"../../outbox.json": export.outbox([])})

    with pytest.raises(SourceError) as caught:
        read_export("archive.tar.gz", archive)

    assert caught.value.key == "sources.archive_unsafe_name"


def test_damaged_tar_gz_is_called_damaged(export):
    archive = export.tar_gz_of({"outbox.json": export.outbox([])})

    with pytest.raises(SourceError) as caught:
        read_export("archive.tar.gz", archive[: len(archive) // 2])

    assert caught.value.key == "sources.archive_corrupt"
