"""The held-out test split is large, balanced and annotated by the guideline.

The scanner's reported accuracy is only as good as this split, so these checks
guard its size, its label coverage, the validity of its identifiers and the span
boundary rules of the annotation guideline in exposure/corpus/__init__.py.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest
from stdnum import iban, iso6346
from stdnum.nl import bsn

from exposure.corpus.build import normalise
from exposure.corpus.lint import FIXED_STARTS
from exposure.corpus.markup import CorpusPost, parse_file
from exposure.models import LABELS

ROOT = Path(__file__).resolve().parents[2] / "data" / "corpus" / "handwritten"
TEST_DIR = ROOT / "test"
TRAIN_DIR = ROOT / "train"

# Guideline G2: words a span never starts with (G3 keeps tot/vanaf/until/from...
# and fixed expressions such as "op vakantie", "on holiday").
LEADING_WORDS = {
    "de", "het", "een", "mijn", "onze", "ik", "we", "ben", "sta", "bij", "in", "op",
    "om", "aan", "the", "a", "an", "my", "our", "i", "am", "at", "on", "to",
}  # fmt: skip
# Dutch licence plates: three groups, letters without vowels, one sidecode shape.
PLATE = re.compile(
    r"^(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}"
    r"|[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}"
    r"|[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|[A-Z]-\d{2}-[A-Z]{3}"
    r"|\d-[A-Z]{2}-\d{3}|\d{3}-[A-Z]{2}-\d)$"
)
EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
STAFF_NUMBER = re.compile(r"^\d{5}$")


@pytest.fixture(scope="module")
def posts() -> list[CorpusPost]:
    files = sorted(TEST_DIR.glob("*.txt"))
    assert files, f"no test files under {TEST_DIR}"
    return [post for path in files for post in parse_file(path)]


def _span_texts(posts: list[CorpusPost]):
    for post in posts:
        for span in post.spans:
            yield post, span, post.text[span.start : span.end]


def _is_valid_identifier(value: str) -> bool:
    compact = value.replace(" ", "")
    if "@" in value:
        return bool(EMAIL.match(value))
    if iban.is_valid(value):
        return True
    if re.fullmatch(r"[A-Z]{4}\d{7}", compact):
        return iso6346.is_valid(compact)
    if re.fullmatch(r"\d{9}", compact) and bsn.is_valid(compact):
        return True
    if STAFF_NUMBER.match(value) or (PLATE.match(value) and not re.search("[AEIOU]", value)):
        return True
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, "NL"))
    except phonenumbers.NumberParseException:
        return False


def test_split_has_the_contracted_size_per_language(posts):
    langs = Counter(post.lang for post in posts)
    assert len(posts) >= 300
    assert langs["nl"] >= 150
    assert langs["en"] >= 120


def test_every_label_has_enough_spans_to_measure(posts):
    counts = Counter(span.label for post in posts for span in post.spans)
    too_few = {label: counts[label] for label in LABELS if counts[label] < 40}
    assert not too_few, f"labels with fewer than 40 spans: {too_few}"


def test_benign_share_matches_the_corpus_contract(posts):
    benign = sum(1 for post in posts if not post.spans)
    assert 0.25 <= benign / len(posts) <= 0.35


def test_posts_are_unique(posts):
    seen = Counter(normalise(post.text) for post in posts)
    assert [text for text, count in seen.items() if count > 1] == []


def test_identifier_spans_are_valid_values(posts):
    bad = [text for _, span, text in _span_texts(posts) if span.label == "IDENTIFIER"]
    bad = [text for text in bad if not _is_valid_identifier(text)]
    assert bad == []


def test_spans_follow_the_boundary_rules(posts):
    problems = []
    for post, _, text in _span_texts(posts):
        lowered = text.casefold()
        if lowered.split()[0] in LEADING_WORDS and not lowered.startswith(FIXED_STARTS):
            problems.append(f"{post.source}:{post.line}: starts with a function word: {text!r}")
        if not (text[-1].isalnum() or text[-1] in "'’%€£$"):
            problems.append(f"{post.source}:{post.line}: ends with punctuation: {text!r}")
    assert problems == []


def test_hashtag_spans_include_the_hash_sign(posts):
    glued = [
        f"{post.source}:{post.line}"
        for post in posts
        for span in post.spans
        if span.start > 0 and post.text[span.start - 1] in "#@"
    ]
    assert glued == []


def test_no_test_post_is_in_the_training_files(posts):
    train = {normalise(p.text) for path in TRAIN_DIR.glob("*.txt") for p in parse_file(path)}
    leaked = [post.text for post in posts if normalise(post.text) in train]
    assert leaked == []
