"""`python -m exposure.corpus build|stats|lint`: rebuild, summarise or check the NER corpus."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exposure.corpus.build import CorpusError, build, stats
from exposure.corpus.lint import lint
from exposure.corpus.markup import MarkupError
from exposure.corpus.templates import DEFAULT_SEED, TemplateError

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "data" / "corpus"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m exposure.corpus",
        description="Build or summarise the annotated corpus under data/corpus.",
    )
    parser.add_argument("command", choices=("build", "stats", "lint"))
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="data/corpus directory")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="lint: hand-written files to check (default: every file in handwritten/train)",
    )
    parser.add_argument("--no-rules", action="store_true", help="lint: skip the rule checks")
    args = parser.parse_intermixed_args(argv)
    if args.command == "lint":
        return _lint(
            args.files or sorted((args.root / "handwritten" / "train").glob("*.txt")),
            not args.no_rules,
        )
    if args.command == "stats":
        try:
            print(stats(args.root))
        except CorpusError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        except BrokenPipeError:
            pass  # e.g. piped into `head`
        return 0
    try:
        report = build(args.root, args.seed)
    except (MarkupError, TemplateError, CorpusError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, path in report.paths.items():
        print(f"wrote {report.counts[name]:>5} posts to {path}")
    if report.dropped_duplicates:
        print(f"dropped {report.dropped_duplicates} duplicate train/dev posts")
    if report.dropped_test_overlap:
        shown = ", ".join(report.dropped_test_overlap[:10])
        print(
            f"dropped {len(report.dropped_test_overlap)} train/dev posts whose text is in the "
            f"test split: {shown}"
        )
    return 0


def _lint(files: list[Path], with_rules: bool) -> int:
    try:
        warnings, mixed = lint(files, with_rules)
    except (MarkupError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        for warning in warnings:
            print(warning)
        if mixed:
            print("\nphrases marked with more than one label:")
            for line in mixed:
                print(f"  {line}")
        print(f"\n{len(warnings)} warnings in {len(files)} files", file=sys.stderr)
    except BrokenPipeError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
