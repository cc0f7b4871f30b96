"""Zip and tar archives read in memory, checked before a single member is unpacked.

Nothing is ever written to disk, so member names cannot escape anywhere; names with
`..` or an absolute path, links and device files are still refused, because no real
export contains them and an archive that does was made to attack something.
Member sizes, counts and compression ratios are checked against `limits` before
reading, and every read is bounded again in case the archive lies about sizes.
"""

from __future__ import annotations

import io
import re
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from exposure.sources.limits import (
    MAX_ARCHIVE_MEMBERS,
    MAX_COMPRESSION_RATIO,
    MAX_FILE_BYTES,
    MAX_KEPT_BYTES,
    MAX_UNPACKED_BYTES,
    MB,
    RATIO_CHECK_MIN_BYTES,
)
from exposure.sources.messages import SourceError

_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass
class ArchiveListing:
    """The regular files of an archive by name, with a bounded reader for each."""

    names: list[str]
    read: Callable[[str], bytes]


def is_zip(data: bytes) -> bool:
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def is_gzip(data: bytes) -> bool:
    return data.startswith(b"\x1f\x8b")


def is_tar(data: bytes) -> bool:
    return len(data) > 262 and data[257:262] == b"ustar"


def unsafe_name(name: str) -> bool:
    """True for absolute paths, drive letters and any `..` component."""
    normal = name.replace("\\", "/")
    if normal.startswith("/") or _DRIVE.match(normal):
        return True
    return any(part == ".." for part in normal.split("/"))


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


def open_zip(data: bytes, name: str) -> ArchiveListing:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise SourceError("sources.archive_corrupt", name=name) from exc
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise SourceError(
            "sources.archive_too_many_members", count=len(infos), limit=MAX_ARCHIVE_MEMBERS
        )
    total = 0
    files: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if unsafe_name(info.filename):
            raise SourceError("sources.archive_unsafe_name", member=info.filename)
        # Unix file type bits, when the archiver wrote them; 0 means "not said".
        file_type = stat.S_IFMT(info.external_attr >> 16)
        if file_type and file_type not in (stat.S_IFREG, stat.S_IFDIR):
            raise SourceError("sources.archive_link", member=info.filename)
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise SourceError(
                "sources.archive_too_big_unpacked",
                size_mb=_mb(sum(i.file_size for i in infos)),
                limit_mb=_mb(MAX_UNPACKED_BYTES),
            )
        if info.file_size >= RATIO_CHECK_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_COMPRESSION_RATIO:
                raise SourceError("sources.archive_ratio", member=info.filename, ratio=int(ratio))
        if not info.is_dir():
            files[info.filename] = info

    def read(member: str) -> bytes:
        info = files[member]
        if info.flag_bits & 0x1:
            raise SourceError("sources.archive_encrypted", member=member)
        if info.file_size > MAX_FILE_BYTES:
            raise SourceError(
                "sources.member_too_large",
                member=member,
                size_mb=_mb(info.file_size),
                limit_mb=_mb(MAX_FILE_BYTES),
            )
        try:
            with archive.open(info) as handle:
                # Bounded even if the declared size lies.
                content = handle.read(MAX_FILE_BYTES + 1)
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            zlib.error,
            NotImplementedError,
            RuntimeError,
            ValueError,
        ) as exc:
            raise SourceError("sources.archive_corrupt", name=name) from exc
        if len(content) > MAX_FILE_BYTES:
            raise SourceError(
                "sources.member_too_large",
                member=member,
                size_mb=f">{_mb(MAX_FILE_BYTES)}",
                limit_mb=_mb(MAX_FILE_BYTES),
            )
        return content

    return ArchiveListing(names=list(files), read=read)


def open_tar(data: bytes, name: str, keep: Callable[[str], bool]) -> ArchiveListing:
    """Read a (gzipped) tar as a stream, keeping in memory only members `keep` accepts.

    A tar has no index, so the members are checked one by one as the stream passes;
    the declared sizes are summed before the stream moves past a member, so a bomb is
    stopped before it is unpacked.
    """
    kept: dict[str, bytes] = {}
    names: list[str] = []
    count = 0
    total = 0
    kept_total = 0
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r|*") as archive:
            for member in archive:
                count += 1
                if count > MAX_ARCHIVE_MEMBERS:
                    raise SourceError(
                        "sources.archive_too_many_members",
                        count=f">{MAX_ARCHIVE_MEMBERS}",
                        limit=MAX_ARCHIVE_MEMBERS,
                    )
                if unsafe_name(member.name):
                    raise SourceError("sources.archive_unsafe_name", member=member.name)
                if member.isdir():
                    continue
                if not member.isfile():
                    raise SourceError("sources.archive_link", member=member.name)
                total += member.size
                if total > MAX_UNPACKED_BYTES:
                    raise SourceError(
                        "sources.archive_too_big_unpacked",
                        size_mb=f">{_mb(total)}",
                        limit_mb=_mb(MAX_UNPACKED_BYTES),
                    )
                names.append(member.name)
                if not keep(member.name):
                    continue
                if member.size > MAX_FILE_BYTES:
                    raise SourceError(
                        "sources.member_too_large",
                        member=member.name,
                        size_mb=_mb(member.size),
                        limit_mb=_mb(MAX_FILE_BYTES),
                    )
                kept_total += member.size
                if kept_total > MAX_KEPT_BYTES:
                    raise SourceError(
                        "sources.archive_too_big_unpacked",
                        size_mb=f">{_mb(kept_total)}",
                        limit_mb=_mb(MAX_KEPT_BYTES),
                    )
                handle = archive.extractfile(member)
                if handle is None:
                    continue
                kept[member.name] = handle.read(MAX_FILE_BYTES + 1)
    except SourceError:
        raise
    except (tarfile.TarError, OSError, EOFError, zlib.error, ValueError) as exc:
        raise SourceError("sources.archive_corrupt", name=name) from exc

    def read(member: str) -> bytes:
        return kept[member]

    return ArchiveListing(names=[n for n in names if n in kept], read=read)
