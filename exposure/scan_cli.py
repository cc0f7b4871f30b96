"""`python -m exposure scan | evaluate | agreement | train`: the scanner's batch commands.

scan      PATH|- --format jsonl|csv|table [--profile FILE] [--lang auto|nl|en]
          [--dossier] [--ui-lang nl|en]
evaluate  [--split test|dev] [--lang nl|en|all] [--profile FILE]
agreement [--file FILE]
train     [--lang nl|en|all]

Exit codes of scan: 0 all input scanned; 1 some lines were skipped (each named
on stderr) and the rest scanned; 2 the input or profile cannot be used.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import warnings
from collections import defaultdict
from pathlib import Path

from exposure.models import LABELS

PROGRESS_THRESHOLD = 200  # posts; smaller batches only show progress on a terminal
EXIT_OK, EXIT_SKIPPED, EXIT_UNUSABLE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    scan = subparsers.add_parser(
        "scan",
        help="scan posts from a CSV or JSONL file (id, text, optional lang)",
        description="Scan posts for details an outsider could misuse.",
    )
    scan.add_argument("path", help="CSV or JSONL file with id and text; '-' reads stdin")
    scan.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl")
    scan.add_argument("--profile", help="company profile YAML (default: the sample profile)")
    scan.add_argument("--lang", choices=("auto", "nl", "en"), default="auto")
    scan.add_argument(
        "--dossier", action="store_true", help="print the dossier of all posts instead"
    )
    scan.add_argument("--ui-lang", choices=("nl", "en"), default="nl", dest="ui_lang")
    scan.set_defaults(func=run_scan)

    evaluate = subparsers.add_parser(
        "evaluate", help="per-label precision, recall and F1 on an annotated corpus split"
    )
    evaluate.add_argument("--split", choices=("test", "dev", "train"), default="test")
    evaluate.add_argument("--lang", choices=("nl", "en", "all"), default="all")
    evaluate.add_argument("--profile", help="company profile YAML (default: the sample profile)")
    evaluate.set_defaults(func=run_evaluate)

    agreement = subparsers.add_parser(
        "agreement",
        help="how far two annotators agree on dev posts, and the scanner against each",
    )
    agreement.add_argument(
        "--file", help="second annotation in corpus markup (default: the shipped dev sample)"
    )
    agreement.set_defaults(func=run_agreement)

    train = subparsers.add_parser(
        "train", help="train the NER and save the pipelines to data/model/<lang>/"
    )
    train.add_argument("--lang", choices=("nl", "en", "all"), default="all")
    train.set_defaults(func=run_train)


def _load_profile(path: str | None):  # noqa: ANN202
    from exposure.profile import load_profile, sample_profile

    return load_profile(path) if path else sample_profile()


# -- scan -------------------------------------------------------------------


def run_scan(args: argparse.Namespace) -> int:
    from exposure.post_input import InputError, read_posts
    from exposure.profile import ProfileError

    try:
        profile = _load_profile(args.profile)
    except ProfileError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        if args.path == "-":
            data, name = sys.stdin.buffer.read(), "<stdin>"
        else:
            path = Path(args.path)
            if not path.is_file():
                print(f"{args.path}: bestand niet gevonden / file not found", file=sys.stderr)
                return EXIT_UNUSABLE
            data, name = path.read_bytes(), args.path
        read = read_posts(data, name)
    except InputError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except OSError as exc:
        print(f"{args.path}: {exc.strerror}", file=sys.stderr)
        return EXIT_UNUSABLE
    for problem in read.problems:
        print(problem, file=sys.stderr)

    from exposure.scanner import Scanner

    scanner = Scanner(profile=profile, ui_lang=args.ui_lang)
    show_progress = sys.stderr.isatty() or len(read.posts) > PROGRESS_THRESHOLD

    def progress(done: int, total: int) -> None:
        print(f"\rscanned {done}/{total}", end="" if done < total else "\n", file=sys.stderr)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = scanner.scan_posts(
            read.posts, lang=args.lang, progress=progress if show_progress else None
        )
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)

    out = sys.stdout
    if args.dossier:
        _write_dossiers(read.posts, results, args.format, args.ui_lang, out)
    elif args.format == "jsonl":
        for result in results:
            out.write(json.dumps(result.to_json_dict(), ensure_ascii=False) + "\n")
    elif args.format == "csv":
        _write_csv(results, out)
    else:
        _write_table(results, args.ui_lang, out)
    out.flush()
    return EXIT_SKIPPED if read.problems else EXIT_OK


def _write_csv(results, out) -> None:  # noqa: ANN001
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "lang", "risk", "score", "labels", "findings", "rewrite"])
    for r in results:
        writer.writerow(
            [
                r.post_id,
                r.lang,
                r.risk,
                f"{r.score:.3f}",
                ";".join(sorted({f.label for f in r.findings})),
                json.dumps(
                    [
                        {"start": f.start, "end": f.end, "text": f.text, "label": f.label}
                        for f in r.findings
                    ],
                    ensure_ascii=False,
                ),
                r.rewrite or "",
            ]
        )


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _write_table(results, ui_lang: str, out) -> None:  # noqa: ANN001
    head = (
        "id",
        "taal" if ui_lang == "nl" else "lang",
        "risico" if ui_lang == "nl" else "risk",
        "score",
        "bevindingen" if ui_lang == "nl" else "findings",
    )
    out.write(f"{head[0]:<14} {head[1]:<5} {head[2]:<7} {head[3]:>5}  {head[4]}\n")
    for r in results:
        found = ", ".join(f"{f.label}:{_clip(f.text, 30)}" for f in r.findings) or "-"
        out.write(
            f"{_clip(r.post_id, 14):<14} {r.lang:<5} {r.risk:<7} {r.score:>5.2f}  "
            f"{_clip(found, 110)}\n"
        )


def _write_dossiers(posts, results, fmt: str, ui_lang: str, out) -> None:  # noqa: ANN001
    from exposure.dossier import build_dossier, dossier_to_dict, section_heading

    authors = list(dict.fromkeys(p.author for p in posts))
    dossiers = [build_dossier(posts, results, author=a, ui_lang=ui_lang) for a in authors]
    if fmt == "jsonl":
        for d in dossiers:
            out.write(json.dumps(dossier_to_dict(d, ui_lang), ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["author", "label", "section", "value", "post_ids", "dossier_risk"])
        for d in dossiers:
            for it in d.items:
                writer.writerow(
                    [
                        d.author or "",
                        it.label,
                        section_heading(it.label, ui_lang),
                        it.value,
                        " ".join(it.post_ids),
                        d.risk,
                    ]
                )
        return
    nl = ui_lang == "nl"
    for d in dossiers:
        who = d.author or ("alle berichten" if nl else "all posts")
        out.write(f"{'Dossier' if not nl else 'Dossier'}: {who} ({d.post_count} posts)\n")
        out.write(f"{'Risico' if nl else 'Risk'}: {d.risk} ({d.score:.2f})\n")
        for reason in d.reasons:
            out.write(f"  - {reason}\n")
        grouped = defaultdict(list)
        for it in d.items:
            grouped[it.label].append(it)
        for label in LABELS:
            if label in grouped:
                out.write(f"{section_heading(label, ui_lang)}:\n")
                for it in grouped[label]:
                    out.write(f"  {it.value}  [{', '.join(it.post_ids)}]\n")
        out.write("\n")


# -- evaluate ---------------------------------------------------------------


def run_evaluate(args: argparse.Namespace) -> int:
    from exposure.evaluation import (
        MODES,
        Scores,
        format_scores,
        load_split,
        match_overlapping,
        predict,
    )
    from exposure.pipeline import load_pipeline
    from exposure.profile import ProfileError
    from exposure.risk import assess

    try:
        profile = _load_profile(args.profile)
    except ProfileError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        rows = load_split(args.split, args.lang)
    except FileNotFoundError:
        print(
            f"data/corpus/{args.split}.jsonl not found: run `python -m exposure.corpus build`",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    langs = ("nl", "en") if args.lang == "all" else (args.lang,)
    totals = {mode: Scores() for mode in MODES}
    overlap = Scores()
    benign = flagged = 0
    for lang in langs:
        lang_rows = [r for r in rows if r.lang == lang]
        if not lang_rows:
            continue
        nlp = load_pipeline(lang)
        nlp.get_pipe("exposure_profile").set_profile(profile)
        texts = [r.text for r in lang_rows]
        for mode in MODES:
            if mode == "ner" and "ner" not in nlp.pipe_names:
                continue
            preds = predict(nlp, texts, mode)
            for row, pred in zip(lang_rows, preds, strict=True):
                totals[mode].add(row.spans, pred)
                if mode == "full":
                    overlap.add(row.spans, match_overlapping(row.spans, pred))
            if mode == "full":
                docs = nlp.pipe(texts)
                for row, doc in zip(lang_rows, docs, strict=True):
                    if not row.spans:
                        benign += 1
                        level = assess([(f.label, f.kind) for f in doc._.exposure_findings]).level
                        flagged += level in ("medium", "high")
    print(f"split: {args.split}  lang: {args.lang}  posts: {len(rows)}\n")
    titles = {
        "rules": "rules only",
        "ner": "trained NER only",
        "full": "full scanner (rules + NER)",
    }
    for mode in MODES:
        print(format_scores(titles[mode], totals[mode]))
        print()
    print(
        format_scores(
            "full scanner, lenient: a prediction overlapping a gold span of its label counts",
            overlap,
        )
    )
    print()
    rate = flagged / benign if benign else 0.0
    print(f"benign posts flagged medium/high: {flagged}/{benign} ({rate:.1%})")
    return EXIT_OK


# -- agreement --------------------------------------------------------------


def run_agreement(args: argparse.Namespace) -> int:
    from exposure.agreement import AGREEMENT_FILE, format_agreement, load_sample, score_pairs
    from exposure.corpus.markup import MarkupError
    from exposure.evaluation import predict
    from exposure.pipeline import load_pipeline

    path = Path(args.file) if args.file else AGREEMENT_FILE
    try:
        sample = load_sample(path)
    except FileNotFoundError as exc:
        print(f"{exc.filename} not found", file=sys.stderr)
        return EXIT_UNUSABLE
    except (MarkupError, UnicodeDecodeError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    if not sample.rows:
        print(f"{path}: no post matches a dev post", file=sys.stderr)
        return EXIT_UNUSABLE
    first = [r.spans for r in sample.rows]
    predictions: list = [None] * len(sample.rows)
    for lang in ("nl", "en"):
        index = [i for i, r in enumerate(sample.rows) if r.lang == lang]
        if index:
            # The sample profile, as `evaluate` uses: the corpus is written around it.
            nlp = load_pipeline(lang)
            nlp.get_pipe("exposure_profile").set_profile(_load_profile(None))
            preds = predict(nlp, [sample.rows[i].text for i in index])
            for i, pred in zip(index, preds, strict=True):
                predictions[i] = pred
    annotators, annotators_lenient = score_pairs(first, sample.second)
    versus_first, first_lenient = score_pairs(first, predictions)
    versus_second, second_lenient = score_pairs(sample.second, predictions)
    print(f"dev posts annotated twice: {len(sample.rows)}")
    if sample.stale:
        print(f"skipped {sample.stale} posts whose text no longer matches a dev post")
    print("\nexact-span F1 (1st = corpus markup, 2nd = second annotator)")
    print(format_agreement(annotators, versus_first, versus_second))
    print(
        f"\nlenient micro F1: annotators {annotators_lenient.micro.f1:.3f}, "
        f"scanner/1st {first_lenient.micro.f1:.3f}, scanner/2nd {second_lenient.micro.f1:.3f}"
    )
    return EXIT_OK


# -- train ------------------------------------------------------------------


def run_train(args: argparse.Namespace) -> int:
    import warnings as _warnings

    from exposure.training import train

    _warnings.filterwarnings("ignore", message=r".*\[W030\].*")
    langs = ("nl", "en") if args.lang == "all" else (args.lang,)
    return train(langs)
