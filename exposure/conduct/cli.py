"""`python -m exposure rules propose`: conduct rules proposed from a file of posts.

    python -m exposure rules propose posts.csv --profile profile.yaml --lang nl --out rules.docx

INPUT is a CSV or JSONL file with `id` and `text` (or any export the importer
reads; `-` reads stdin). The output format follows the extension of --out:
.md, .docx, .pdf or .json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from exposure.conduct.catalogue import LANGS, CatalogueError
from exposure.conduct.export import export_proposal
from exposure.conduct.proposal import propose_rules

OUTPUT_FORMATS = {".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf", ".json": "json"}


def register(subparsers: argparse._SubParsersAction) -> None:
    rules = subparsers.add_parser(
        "rules",
        help="conduct rules from findings / gedragsregels uit bevindingen",
        description="Conduct rules that fit the risks found in posts.",
    )
    commands = rules.add_subparsers(dest="rules_command", required=True)
    propose = commands.add_parser(
        "propose",
        help="propose rules from a file of posts / stel regels voor uit een bestand met berichten",
        description=(
            "Scan a CSV or JSONL file of posts (fields id, text) and propose conduct rules, "
            "ranked by how often and how severely their risks were found."
        ),
    )
    propose.add_argument("input", help="CSV or JSONL file of posts, or - for stdin")
    propose.add_argument("--profile", help="company profile YAML (names filled into the rules)")
    propose.add_argument(
        "--lang", choices=LANGS, default="nl", help="language of the output (default nl)"
    )
    propose.add_argument(
        "--out", required=True, help="output file; .md, .docx, .pdf or .json decides the format"
    )
    propose.set_defaults(func=run_propose)


def _fail(message_nl: str, message_en: str, code: int = 2) -> int:
    print(f"fout: {message_nl}\nerror: {message_en}", file=sys.stderr)
    return code


def _write_atomically(path: Path, data: bytes) -> None:
    # A half-written report is worse than none: write next to it, then rename.
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run_propose(args: argparse.Namespace) -> int:
    out = Path(args.out)
    fmt = OUTPUT_FORMATS.get(out.suffix.lower())
    if fmt is None:
        wanted = ", ".join(OUTPUT_FORMATS)
        return _fail(
            f"onbekend uitvoerformaat '{out.suffix or out.name}'; kies een van {wanted}",
            f"unknown output format '{out.suffix or out.name}'; use one of {wanted}",
        )
    if not out.parent.is_dir():
        return _fail(f"map bestaat niet: {out.parent}", f"directory does not exist: {out.parent}")

    profile = None
    if args.profile:
        from exposure.profile import ProfileError, load_profile

        try:
            profile = load_profile(args.profile)
        except ProfileError as exc:
            print(exc, file=sys.stderr)
            return 2

    from exposure.sources.importer import read_export
    from exposure.sources.messages import SourceError

    try:
        if args.input == "-":
            imported = read_export("stdin.jsonl", sys.stdin.buffer)
        else:
            source = Path(args.input)
            if not source.is_file():
                return _fail(f"bestand niet gevonden: {source}", f"file not found: {source}")
            with source.open("rb") as file:
                imported = read_export(source.name, file)
    except SourceError as exc:
        return _fail(exc.text("nl"), exc.text("en"))
    except OSError as exc:
        return _fail(f"kan invoer niet lezen: {exc.strerror}", f"cannot read input: {exc.strerror}")

    try:
        from exposure.scanner import Scanner
    except ImportError as exc:
        return _fail(
            f"de scanner is niet beschikbaar ({exc})", f"the scanner is not available ({exc})", 1
        )

    try:
        results = Scanner(profile=profile, ui_lang=args.lang).scan_posts(imported.posts)
        proposal = propose_rules(results, None, profile, args.lang)
    except CatalogueError as exc:
        return _fail(f"regelcatalogus onbruikbaar: {exc}", f"rule catalogue unusable: {exc}", 1)

    if fmt == "json":
        data = (json.dumps(proposal.to_json_dict(), ensure_ascii=False, indent=2) + "\n").encode()
    else:
        data = export_proposal(proposal, fmt)
    try:
        _write_atomically(out, data)
    except OSError as exc:
        return _fail(
            f"kan {out} niet schrijven: {exc.strerror}", f"cannot write {out}: {exc.strerror}"
        )
    found = sum(1 for rule in proposal.rules if rule.score > 0)
    count, posts = len(proposal.rules), proposal.total_posts
    print(
        f"{count} regels voorgesteld ({found} uit bevindingen) uit {posts} berichten -> {out}\n"
        f"{count} rules proposed ({found} from findings) from {posts} posts -> {out}",
        file=sys.stderr,
    )
    return 0
