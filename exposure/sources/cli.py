"""`python -m exposure import` and `python -m exposure fetch mastodon|bluesky`.

Both print Post records, one JSON object per line (or CSV), ready for
`python -m exposure scan -`. Messages and progress go to stderr. Exit codes:
0 all posts read, 1 nothing could be read (the message says why), 3 a fetch
stopped half-way (the posts it got are printed, the problems on stderr).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Iterable

from exposure.models import Post
from exposure.sources.bluesky import PUBLIC_API, fetch_bluesky
from exposure.sources.importer import read_export
from exposure.sources.limits import DEFAULT_FETCH_LIMIT, MAX_FETCH_LIMIT
from exposure.sources.mastodon import fetch_mastodon
from exposure.sources.messages import SourceError
from exposure.sources.results import FetchResult

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INCOMPLETE = 3
FIELDS = ("id", "text", "lang", "platform", "created_at", "url", "author")


def register(subparsers: argparse._SubParsersAction) -> None:
    importer = subparsers.add_parser(
        "import",
        help="read posts from a platform export or a CSV/JSONL file",
        description=(
            "Read posts from an X/Twitter archive, a Facebook or Instagram JSON export, "
            "LinkedIn Shares.csv, a Mastodon archive, a Bluesky repository (.car), "
            "or a CSV/JSONL file, and print them."
        ),
        epilog="Exit codes: 0 read, 1 could not be read.",
    )
    importer.add_argument("file", help="the export or file of posts; - reads standard input")
    _add_format(importer)
    importer.add_argument(
        "--text-column",
        default="text",
        help="the column that holds the post text in a CSV/JSONL file (default: text)",
    )
    importer.set_defaults(func=run_import)

    fetch = subparsers.add_parser(
        "fetch",
        help="fetch the public posts of your own Mastodon or Bluesky account",
        description="Fetch the public posts of an account and print them.",
    )
    platforms = fetch.add_subparsers(dest="platform", required=True)
    epilog = "Exit codes: 0 fetched, 1 nothing fetched, 3 stopped half-way (posts printed)."
    mastodon = platforms.add_parser(
        "mastodon", help="a Mastodon account on its home instance", epilog=epilog
    )
    mastodon.add_argument("--instance", required=True, help="home instance, e.g. mastodon.social")
    mastodon.add_argument("--account", required=True, help="account name, e.g. jansen")
    _add_limit(mastodon)
    _add_format(mastodon)
    mastodon.set_defaults(func=run_fetch)

    bluesky = platforms.add_parser("bluesky", help="a Bluesky account", epilog=epilog)
    bluesky.add_argument("--actor", required=True, help="handle or DID, e.g. name.bsky.social")
    bluesky.add_argument("--api", default=PUBLIC_API, help=f"AppView URL (default: {PUBLIC_API})")
    _add_limit(bluesky)
    _add_format(bluesky)
    bluesky.set_defaults(func=run_fetch)


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")


def _limit(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_FETCH_LIMIT:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_FETCH_LIMIT}")
    return number


def _add_limit(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--limit",
        type=_limit,
        default=DEFAULT_FETCH_LIMIT,
        help=f"at most this many posts (default {DEFAULT_FETCH_LIMIT}, max {MAX_FETCH_LIMIT})",
    )


class _StderrProgress:
    """Progress lines on stderr, at most one a second."""

    def __init__(self, verb: str) -> None:
        self.verb = verb
        self.last = 0.0
        self.shown: tuple[int, int | None] | None = None

    def __call__(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if (now - self.last < 1.0 and done != total) or self.shown == (done, total):
            return
        self.last = now
        self.shown = (done, total)
        of = f"/{total}" if total else ""
        print(f"{self.verb} {done}{of} posts", file=sys.stderr, flush=True)


def write_posts(posts: Iterable[Post], fmt: str) -> None:
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for post in posts:
            writer.writerow(post.to_dict())
    else:
        for post in posts:
            out.write(json.dumps(post.to_dict(), ensure_ascii=False) + "\n")
    out.flush()


def _error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_ERROR


def run_import(args: argparse.Namespace) -> int:
    try:
        if args.file == "-":
            result = read_export(
                "stdin",
                sys.stdin.buffer,
                text_column=args.text_column,
                progress=_StderrProgress("read"),
            )
        else:
            try:
                with open(args.file, "rb") as handle:
                    result = read_export(
                        args.file,
                        handle,
                        text_column=args.text_column,
                        progress=_StderrProgress("read"),
                    )
            except OSError as exc:
                return _error(f"cannot open {args.file}: {exc.strerror or exc}")
    except SourceError as exc:
        return _error(exc.message)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"read {len(result.posts)} posts from a {result.platform} export", file=sys.stderr)
    write_posts(result.posts, args.format)
    return EXIT_OK


def run_fetch(args: argparse.Namespace) -> int:
    progress = _StderrProgress("fetched")
    try:
        if args.platform == "mastodon":
            result: FetchResult = fetch_mastodon(
                args.instance, args.account, limit=args.limit, progress=progress
            )
        else:
            result = fetch_bluesky(args.actor, api=args.api, limit=args.limit, progress=progress)
    except SourceError as exc:
        return _error(exc.message)
    write_posts(result.posts, args.format)
    for problem in result.problems:
        print(f"problem: {problem}", file=sys.stderr)
    print(f"fetched {len(result.posts)} posts", file=sys.stderr)
    if not result.complete:
        return EXIT_INCOMPLETE if result.posts else EXIT_ERROR
    return EXIT_OK
