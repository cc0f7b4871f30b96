"""Build train/dev/test JSONL from hand-written files and template families.

train and dev come from the templates and handwritten/train only; dev is a stable
~10% slice chosen by a hash of the normalised text, so it does not move when
other posts are added. test comes only from handwritten/test. Any train/dev post
whose normalised text also occurs in test is dropped and reported, so the test
split stays unseen.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from exposure.corpus.markup import CorpusPost, Span, parse_file
from exposure.corpus.templates import DEFAULT_SEED, fill_family, load_templates
from exposure.models import LABELS

DEV_SHARE = 10  # one in DEV_SHARE train-origin posts goes to dev
SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class CorpusRecord:
    """One line of a split file (the corpus contract)."""

    id: str
    text: str
    lang: str
    origin: str  # "hand" | "template"
    spans: tuple[Span, ...]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "lang": self.lang,
            "origin": self.origin,
            "spans": [s.to_dict() for s in self.spans],
        }


@dataclass
class BuildReport:
    counts: dict[str, int] = field(default_factory=dict)
    dropped_test_overlap: list[str] = field(default_factory=list)
    dropped_duplicates: int = 0
    paths: dict[str, Path] = field(default_factory=dict)


class CorpusError(ValueError):
    """A post whose spans break the corpus rules."""


def normalise(text: str) -> str:
    """Text as compared across splits: case, accents, spacing and punctuation ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def check_post(post: CorpusPost | CorpusRecord, where: str) -> None:
    """Spans must be in range, trimmed, known, sorted and non-overlapping."""
    previous_end = -1
    for span in sorted(post.spans, key=lambda s: (s.start, s.end)):
        if span.label not in LABELS:
            raise CorpusError(f"{where}: unknown label {span.label}")
        if not 0 <= span.start < span.end <= len(post.text):
            raise CorpusError(f"{where}: span {span} outside the text")
        piece = post.text[span.start : span.end]
        if piece != piece.strip():
            raise CorpusError(f"{where}: span {piece!r} has surrounding whitespace")
        # The scanner aligns spans to tokens, so a span that cuts a word is unusable.
        glued_left = span.start > 0 and post.text[span.start - 1].isalnum()
        glued_right = span.end < len(post.text) and post.text[span.end].isalnum()
        if glued_left or glued_right:
            raise CorpusError(f"{where}: span {piece!r} cuts a word; mark the whole word")
        if span.start < previous_end:
            raise CorpusError(f"{where}: spans overlap at {span.start}")
        previous_end = span.end


def _hand_posts(directory: Path, prefix: str) -> list[tuple[str, CorpusPost]]:
    out = []
    for path in sorted(directory.glob("*.txt")):
        for number, post in enumerate(parse_file(path), start=1):
            out.append((f"{prefix}-{path.stem}-{number:04d}", post))
    return out


def _record(record_id: str, post: CorpusPost, origin: str) -> CorpusRecord:
    check_post(post, f"{post.source}:{post.line}")
    return CorpusRecord(record_id, post.text, post.lang, origin, tuple(post.spans))


def _is_dev(text: str) -> bool:
    digest = hashlib.sha256(normalise(text).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % DEV_SHARE == 0


def collect(
    root: Path, seed: int = DEFAULT_SEED
) -> tuple[dict[str, list[CorpusRecord]], BuildReport]:
    """Read all sources under data/corpus and split them, without writing anything."""
    report = BuildReport()
    test = [
        _record(rid, p, "hand") for rid, p in _hand_posts(root / "handwritten" / "test", "test")
    ]
    test_texts = {normalise(r.text) for r in test}

    candidates = [
        _record(rid, p, "hand") for rid, p in _hand_posts(root / "handwritten" / "train", "hand")
    ]
    families, library = load_templates(root / "templates")
    for family in families:
        for post in fill_family(family, library, seed):
            rid = f"tpl-{family.name}-{post.meta['index']:04d}"
            candidates.append(_record(rid, post, "template"))

    splits: dict[str, list[CorpusRecord]] = {"train": [], "dev": [], "test": test}
    seen: set[str] = set()
    for record in candidates:
        key = normalise(record.text)
        if key in test_texts:
            report.dropped_test_overlap.append(record.id)
            continue
        if key in seen:
            report.dropped_duplicates += 1
            continue
        seen.add(key)
        splits["dev" if _is_dev(record.text) else "train"].append(record)
    report.counts = {name: len(records) for name, records in splits.items()}
    return splits, report


def build(root: Path, seed: int = DEFAULT_SEED) -> BuildReport:
    """Write train.jsonl, dev.jsonl and test.jsonl under `root`."""
    splits, report = collect(root, seed)
    for name in SPLITS:
        path = root / f"{name}.jsonl"
        lines = [json.dumps(r.to_dict(), ensure_ascii=False) for r in splits[name]]
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        report.paths[name] = path
    return report


def read_split(path: Path) -> list[CorpusRecord]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                spans = tuple(Span(s["start"], s["end"], s["label"]) for s in raw["spans"])
                record = CorpusRecord(raw["id"], raw["text"], raw["lang"], raw["origin"], spans)
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise CorpusError(f"{path}:{number}: not a corpus record ({exc})") from None
            records.append(record)
    return records


def stats(root: Path) -> str:
    """A plain-text table of posts per split/lang/origin, benign share and spans per label."""
    lines = []
    label_counts: dict[str, Counter] = {}
    for name in SPLITS:
        path = root / f"{name}.jsonl"
        if not path.exists():
            lines.append(f"{name}: missing ({path})")
            continue
        records = read_split(path)
        by_key = Counter((r.lang, r.origin) for r in records)
        benign = sum(1 for r in records if not r.spans)
        share = 100 * benign / len(records) if records else 0.0
        parts = ", ".join(f"{lang}/{origin}={n}" for (lang, origin), n in sorted(by_key.items()))
        lines.append(f"{name}: {len(records)} posts ({parts}); benign {benign} ({share:.0f}%)")
        label_counts[name] = Counter(s.label for r in records for s in r.spans)
    if label_counts:
        lines.append("")
        header = f"{'label':<11}" + "".join(f"{n:>8}" for n in label_counts)
        lines.append(header)
        for label in LABELS:
            row = "".join(f"{c[label]:>8}" for c in label_counts.values())
            lines.append(f"{label:<11}{row}")
    return "\n".join(lines)
