"""One entry point for every uploaded file: `read_export`.

The file is read into memory within the size caps, recognised by its content,
handed to the parser of its platform, and returned as Post records together with
what was skipped and why. Anything it cannot read raises SourceError with a message
for the user; nothing is half-imported without a warning.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import BinaryIO

from exposure.sources import (
    bluesky_car,
    facebook,
    instagram,
    linkedin,
    mastodon_archive,
    tabular,
    twitter,
)
from exposure.sources.archive import (
    ArchiveListing,
    is_gzip,
    is_tar,
    is_zip,
    open_tar,
    open_zip,
)
from exposure.sources.detect import (
    PLATFORM_NAMES,
    PLATFORM_ORDER,
    basename,
    classify_json,
    is_generic_name,
    is_side_file,
    keep_in_archive,
    looks_like_car,
    platform_from_name,
)
from exposure.sources.limits import MAX_ARCHIVE_BYTES, MAX_FILE_BYTES, MB
from exposure.sources.messages import SourceError, describe_skipped
from exposure.sources.results import ImportResult, PostCollector, Progress
from exposure.sources.textdecode import load_json

_LOG = logging.getLogger(__name__)
_MAGIC_BYTES = 512
_COLUMN_NAME = re.compile(r"^[\w][\w .()/-]{0,39}$")


@dataclass
class _Context:
    name: str
    text_column: str
    out: PostCollector
    x_username: str | None = None
    mastodon_username: str | None = None
    file_no: int = 0


def read_export(
    filename: str,
    data: bytes | BinaryIO,
    *,
    text_column: str = "text",
    progress: Progress | None = None,
) -> ImportResult:
    """Posts from one uploaded export or file of posts.

    `filename` is the name the user gave the file (used as a hint and in messages);
    `data` its bytes or a binary file object. Raises SourceError with a user-facing
    message (and an i18n key) when the file cannot be read or holds no posts.
    """
    name = basename(filename) or "upload"
    raw = _read_within_caps(name, data)
    if not raw.strip():
        raise SourceError("sources.empty", name=name)
    ctx = _Context(name=name, text_column=text_column or "text", out=PostCollector(progress))
    try:
        platform = _read_any(raw, ctx)
    except SourceError:
        raise
    except Exception as exc:
        # Every expected problem is a SourceError; this is the last line of defence
        # so that a user never sees a traceback for a strange file.
        _LOG.warning("unexpected failure reading %s", name, exc_info=True)
        raise SourceError("sources.unreadable", name=name, text_column=ctx.text_column) from exc
    result = ctx.out.result(platform)
    if not result.posts:
        skipped = sum(result.skipped_counts.values())
        if skipped:
            raise SourceError(
                "sources.no_posts_skipped",
                name=name,
                count=skipped,
                reasons=describe_skipped(result.skipped_counts),
            )
        raise SourceError("sources.no_posts", name=name)
    if progress is not None:
        progress(len(result.posts), len(result.posts))
    return result


def _read_within_caps(name: str, data: bytes | BinaryIO) -> bytes:
    exact = isinstance(data, bytes | bytearray | memoryview)
    if exact:
        raw = bytes(data)
    else:
        head = data.read(_MAGIC_BYTES)
        limit = MAX_ARCHIVE_BYTES if _is_archive(head) else MAX_FILE_BYTES
        raw = head + data.read(limit + 1 - len(head))
    if _is_archive(raw):
        if len(raw) > MAX_ARCHIVE_BYTES:
            raise SourceError(
                "sources.archive_too_large",
                name=name,
                size_mb=_size_mb(len(raw), MAX_ARCHIVE_BYTES, exact),
                limit_mb=MAX_ARCHIVE_BYTES // MB,
            )
    elif len(raw) > MAX_FILE_BYTES:
        raise SourceError(
            "sources.file_too_large",
            name=name,
            size_mb=_size_mb(len(raw), MAX_FILE_BYTES, exact),
            limit_mb=MAX_FILE_BYTES // MB,
        )
    return raw


def _size_mb(size: int, limit: int, exact: bool) -> str:
    # A stream is read only to just past the cap, so its true size is unknown.
    return f"{size / MB:.1f}" if exact else f"> {limit // MB}"


def _is_archive(data: bytes) -> bool:
    return is_zip(data) or is_gzip(data) or is_tar(data)


def _read_any(raw: bytes, ctx: _Context) -> str:
    if is_zip(raw):
        return _read_archive(open_zip(raw, ctx.name), ctx)
    if is_gzip(raw) or is_tar(raw):
        return _read_archive(open_tar(raw, ctx.name, keep_in_archive), ctx)
    if looks_like_car(raw) or ctx.name.lower().endswith(".car"):
        bluesky_car.parse_car(raw, ctx.name, ctx.out)
        return bluesky_car.PLATFORM
    try:
        text = ctx.out.text_of(ctx.name, raw)
    except SourceError as err:
        if err.key == "sources.not_text":
            raise SourceError(
                "sources.not_text", name=ctx.name, text_column=ctx.text_column
            ) from err
        raise
    return _read_text(ctx.name, text, ctx)


def _read_text(name: str, text: str, ctx: _Context) -> str:
    """Parse one text file of any known kind; returns the platform it was."""
    out = ctx.out
    ctx.file_no += 1
    variable = twitter.ytd_variable(text)
    if variable is not None:
        if variable not in twitter.POST_VARIABLES:
            raise SourceError("sources.wrong_x_file", name=name)
        _warn_if_misnamed(name, "x", ctx)
        twitter.parse_tweets_js(text, name, out, ctx.x_username)
        return "x"
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        try:
            document = load_json(text, name)
        except SourceError:
            if tabular.first_line_is_object(text):
                tabular.parse_jsonl(text, name, out, ctx.text_column)
                return "jsonl"
            raise
        platform, entries = classify_json(document, ctx.text_column)
        if platform == "empty":
            raise SourceError("sources.no_posts", name=name)
        if platform is None:
            raise SourceError("sources.unknown_format", name=name, text_column=ctx.text_column)
        _warn_if_misnamed(name, platform, ctx)
        if platform == "mastodon":
            mastodon_archive.parse_outbox(entries, name, out, ctx.mastodon_username)
        elif platform == "x":
            twitter.parse_tweet_items(entries, name, out, ctx.x_username)
        elif platform == "facebook":
            facebook.parse_entries(entries, name, out, ctx.file_no)
        elif platform == "instagram":
            instagram.parse_entries(entries, name, out, ctx.file_no)
        else:
            tabular.parse_records(entries, name, out, ctx.text_column)
        return platform
    if linkedin.has_shares_header(text):
        _warn_if_misnamed(name, "linkedin", ctx)
        linkedin.parse_shares(text, name, out)
        return "linkedin"
    columns = tabular.header_columns(text)
    has_column = any(c.strip().lower() == ctx.text_column.lower() for c in columns)
    plausible_header = (
        len(columns) >= 2
        and "\n" in text.strip()
        and all(_COLUMN_NAME.match(c.strip()) for c in columns)
    )
    if has_column or is_generic_name(name) or plausible_header:
        tabular.parse_csv(text, name, out, ctx.text_column)
        return "csv"
    raise SourceError("sources.unknown_format", name=name, text_column=ctx.text_column)


def _warn_if_misnamed(name: str, platform: str, ctx: _Context) -> None:
    named = platform_from_name(name)
    if named and named != platform and platform not in ("csv", "jsonl"):
        ctx.out.warn(
            "sources.warn.misleading_name",
            name=name,
            named=PLATFORM_NAMES[named],
            actual=PLATFORM_NAMES[platform],
        )


def _read_archive(listing: ArchiveListing, ctx: _Context) -> str:
    by_platform: dict[str, list[str]] = {}
    for member in listing.names:
        platform = platform_from_name(member)
        if platform:
            by_platform.setdefault(platform, []).append(member)
    if not by_platform:
        generic = [m for m in listing.names if is_generic_name(m)]
        if len(generic) != 1:
            raise SourceError(
                "sources.archive_no_posts", name=ctx.name, text_column=ctx.text_column
            )
        member = generic[0]
        return _read_text(member, ctx.out.text_of(member, listing.read(member)), ctx)
    chosen = next(p for p in PLATFORM_ORDER if p in by_platform)
    others = [PLATFORM_NAMES[p] for p in PLATFORM_ORDER if p in by_platform and p != chosen]
    if others:
        ctx.out.warn(
            "sources.warn.other_platforms",
            others=", ".join(others),
            platform=PLATFORM_NAMES[chosen],
        )
    _read_side_files(listing, chosen, ctx)
    platforms = [
        _read_text(member, ctx.out.text_of(member, listing.read(member)), ctx)
        for member in sorted(by_platform[chosen], key=_member_order)
    ]
    return platforms[0]


def _read_side_files(listing: ArchiveListing, platform: str, ctx: _Context) -> None:
    for member in listing.names:
        if not is_side_file(member, platform):
            continue
        try:
            text = ctx.out.text_of(member, listing.read(member))
            if platform == "x":
                ctx.x_username = twitter.account_username(text, member)
            elif platform == "mastodon":
                ctx.mastodon_username = mastodon_archive.actor_username(load_json(text, member))
        except SourceError:
            # A side file only adds the author's name; the posts read fine without it.
            continue


def _member_order(name: str) -> tuple[int, str]:
    # tweets.js before tweets-part1.js before tweets-part10.js
    digits = "".join(ch for ch in basename(name) if ch.isdigit())
    return (int(digits) if digits else 0, name)
