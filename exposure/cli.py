"""`python -m exposure`: one entry point whose subcommands live with their domain.

Each module listed in SUBCOMMAND_MODULES exposes `register(subparsers)`, which adds
its subcommand(s) and sets `func` on the parsed arguments; `func(args)` returns the
process exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

SUBCOMMAND_MODULES = (
    "exposure.scan_cli",  # scan, evaluate, agreement, train
    "exposure.sources.cli",  # import, fetch
    "exposure.conduct.cli",  # rules propose
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m exposure",
        description="Find what social-media posts reveal about a company to an outsider.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # Only tolerate the module itself being absent, never a broken import inside it.
            if exc.name != name:
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
