"""Zip archives are checked before anything is unpacked; nothing touches the disk."""

from __future__ import annotations

import io
import stat
import struct
import zipfile

import pytest

from exposure.sources import SourceError, read_export
from exposure.sources.limits import MAX_ARCHIVE_MEMBERS, MAX_FILE_BYTES


def _tweets(export) -> bytes:
    return export.tweets_js([export.tweet("1", "hoi")])


def test_zip_bomb_with_high_ratio_is_refused(export):
    archive = export.zip_of({"data/tweets.js": _tweets(export) + b" " * (30 * 1024 * 1024)})
    assert len(archive) < 1024 * 1024

    with pytest.raises(SourceError) as caught:
        read_export("twitter.zip", archive)

    assert caught.value.key == "sources.archive_ratio"


def _forge_sizes(archive: bytes, new_size: int) -> bytes:
    """Rewrite the uncompressed size in every local and central header."""
    data = bytearray(archive)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            struct.pack_into("<I", data, start + offset, new_size)
            start += 4
    return bytes(data)


def test_huge_declared_size_is_refused_before_reading(export):
    archive = export.zip_of({"a.bin": b"x" * 100, "data/tweets.js": _tweets(export)})
    forged = _forge_sizes(archive, 0xFFFFFFF0)

    with pytest.raises(SourceError) as caught:
        read_export("twitter.zip", forged)

    assert caught.value.key in ("sources.archive_too_big_unpacked", "sources.archive_ratio")


def test_member_lying_about_a_small_size_is_still_bounded(export):
    # The headers claim 10 bytes; reading stops there, and the JSON is then incomplete.
    archive = export.zip_of({"data/tweets.js": _tweets(export)})
    forged = _forge_sizes(archive, 10)

    with pytest.raises(SourceError) as caught:
        read_export("twitter.zip", forged)

    assert caught.value.key in ("sources.archive_corrupt", "sources.truncated_json")


@pytest.mark.parametrize(
    "member", ["../../etc/cron.d/x", "/etc/passwd", "data/../../x.js", "C:\\Windows\\x.js"]
)
def test_traversal_and_absolute_names_are_refused(export, member):
    archive = export.zip_of({"data/tweets.js": _tweets(export), member: b"x"})

    with pytest.raises(SourceError) as caught:
        read_export("twitter.zip", archive)

    assert caught.value.key == "sources.archive_unsafe_name"
    assert member in caught.value.message


def test_symlink_member_is_refused(export):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data/tweets.js", _tweets(export))
        link = zipfile.ZipInfo("data/account.js")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")

    with pytest.raises(SourceError) as caught:
        read_export("twitter.zip", buffer.getvalue())

    assert caught.value.key == "sources.archive_link"


def test_too_many_members_is_refused(export):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for number in range(MAX_ARCHIVE_MEMBERS + 1):
            archive.writestr(f"m/{number}", b"")

    with pytest.raises(SourceError) as caught:
        read_export("many.zip", buffer.getvalue())

    assert caught.value.key == "sources.archive_too_many_members"


def test_member_over_the_file_cap_is_refused(export):
    big = b"window.YTD.tweets.part0 = [" + b" " * MAX_FILE_BYTES + b"]"
    archive = export.zip_of({"data/tweets.js": big}, compression=zipfile.ZIP_STORED)

    with pytest.raises(SourceError) as caught:
        read_export("twitter.zip", archive)

    assert caught.value.key == "sources.member_too_large"


def test_encrypted_member_gets_a_password_message(export):
    archive = bytearray(export.zip_of({"data/tweets.js": _tweets(export)}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = archive.find(signature)
        flags = struct.unpack_from("<H", archive, start + offset)[0]
        struct.pack_into("<H", archive, start + offset, flags | 0x1)

    with pytest.raises(SourceError) as caught:
        read_export("twitter.zip", bytes(archive))

    assert caught.value.key == "sources.archive_encrypted"


def test_damaged_zip_is_called_damaged(export):
    archive = export.zip_of({"data/tweets.js": _tweets(export)})

    with pytest.raises(SourceError) as caught:
        read_export("twitter.zip", archive[:-30])

    assert caught.value.key == "sources.archive_corrupt"


def test_zip_without_posts_lists_what_is_accepted(export):
    archive = export.zip_of({"holiday/1.jpg": b"\xff\xd8", "readme.txt": b"hi"})

    with pytest.raises(SourceError) as caught:
        read_export("photos.zip", archive)

    assert caught.value.key == "sources.archive_no_posts"
    assert "Shares.csv" in caught.value.message


def test_archive_with_two_platforms_says_which_was_read(export):
    archive = export.zip_of(
        {
            "data/tweets.js": _tweets(export),
            "Shares.csv": export.shares_csv([("2024-01-01 00:00:00", "1", "li")]),
        }
    )

    result = read_export("mixed.zip", archive)

    assert result.platform == "x"
    assert any(w.key == "sources.warn.other_platforms" for w in result.warnings)


def test_nothing_is_written_to_disk(export, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    archive = export.zip_of({"data/tweets.js": _tweets(export)})

    read_export("twitter.zip", archive)
    read_export(
        "a.tar.gz",
        export.tar_gz_of({"outbox.json": export.outbox([export.create_note("1", "<p>x</p>")])}),
    )

    assert list(tmp_path.iterdir()) == []


def test_file_cap_constant_is_fifty_megabytes():
    # The documented cap (README, limits.py) that the upload page also shows.
    assert MAX_FILE_BYTES == 50 * 1024 * 1024
