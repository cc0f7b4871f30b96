"""`python -m training`: checks on the training content."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from training.content import CONTENT_ROOT, validate_content
from training.schema import EXERCISE_TYPES, LANGUAGES

SHORT_TYPES = {
    "single_choice": "single",
    "multiple_choice": "multi",
    "spot_the_leak": "spot",
    "make_it_safe": "safe",
    "what_do_you_do": "scenario",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m training", description="Training modules on social media and ondermijning."
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    validate = subparsers.add_parser(
        "validate", help="check all modules; exit 1 on any error, naming the file and field"
    )
    validate.add_argument(
        "--content",
        type=Path,
        default=CONTENT_ROOT,
        help=f"folder with one sub-folder per module (default: {CONTENT_ROOT})",
    )
    validate.set_defaults(func=run_validate)
    return parser


def run_validate(args: argparse.Namespace) -> int:
    report = validate_content(args.content)
    if report.modules:
        header = ["#", "module", "languages", "minutes", "estimate nl/en"]
        header += [SHORT_TYPES[t] for t in EXERCISE_TYPES] + ["title (nl)"]
        rows = [header]
        for module in report.modules:
            counts = module.exercise_counts("nl")
            estimate = "/".join(f"{module.estimated_minutes(lang):.1f}" for lang in LANGUAGES)
            rows.append(
                [
                    str(module.meta.order),
                    module.id,
                    ",".join(LANGUAGES),
                    str(module.minutes),
                    estimate,
                    *(str(counts[t]) for t in EXERCISE_TYPES),
                    module.title("nl"),
                ]
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            print("  ".join([*cells, row[-1]]))
    for issue in report.issues:
        print(f"error: {issue}", file=sys.stderr)
    if report.issues:
        print(f"{len(report.issues)} error(s) in {args.content}", file=sys.stderr)
        return 1
    total = sum(len(m.exercise_ids()) for m in report.modules)
    print(f"ok: {len(report.modules)} modules, {total} exercises per language, {args.content}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        return 0
