import json
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest
from stdnum import iban, iso6346

from exposure.corpus.build import CorpusError, build, collect, normalise
from exposure.corpus.templates import TemplateError, fill_family, load_families, load_templates
from exposure.models import LABELS

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"


@pytest.fixture(scope="module")
def splits():
    records, _report = collect(CORPUS)
    return records


def _tiny_corpus(root: Path) -> None:
    (root / "templates").mkdir(parents=True)
    (root / "handwritten" / "train").mkdir(parents=True)
    (root / "handwritten" / "test").mkdir(parents=True)
    (root / "templates" / "_slots.yaml").write_text(
        "nl:\n  ROLE: [operator, beveiliger]\n", encoding="utf-8"
    )
    (root / "templates" / "demo.yaml").write_text(
        "families:\n"
        "  - name: demo\n"
        "    lang: nl\n"
        "    count: 30\n"
        "    templates:\n"
        '      - "Ik ben [[{ROLE}|ROLE]], bel [[{PHONE}|IDENTIFIER]], '
        'kenteken [[{PLATE}|IDENTIFIER]]"\n',
        encoding="utf-8",
    )
    (root / "handwritten" / "train" / "a.txt").write_text(
        "@ lang=nl\nWeer [[nachtdienst|SCHEDULE]]!\n---\n@ lang=en\nNight sky, so pretty\n",
        encoding="utf-8",
    )
    (root / "handwritten" / "test" / "t.txt").write_text(
        "@ lang=en\nnight   SKY so pretty!!\n", encoding="utf-8"
    )


def test_two_builds_are_byte_identical(tmp_path: Path):
    _tiny_corpus(tmp_path)
    build(tmp_path)
    first = {n: (tmp_path / f"{n}.jsonl").read_bytes() for n in ("train", "dev", "test")}
    build(tmp_path)
    second = {n: (tmp_path / f"{n}.jsonl").read_bytes() for n in ("train", "dev", "test")}
    assert first == second
    assert first["train"]  # something was written


def test_train_post_equal_to_a_test_post_is_dropped_and_reported(tmp_path: Path):
    _tiny_corpus(tmp_path)
    report = build(tmp_path)
    assert report.dropped_test_overlap == ["hand-a-0002"]
    train_dev = [
        json.loads(line)
        for name in ("train", "dev")
        for line in (tmp_path / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert all("pretty" not in r["text"] for r in train_dev)
    test = (tmp_path / "test.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in test] == ["test-t-0001"]


def test_shipped_corpus_has_no_test_text_in_train_or_dev(splits):
    test_texts = {normalise(r.text) for r in splits["test"]}
    for name in ("train", "dev"):
        assert not [r.id for r in splits[name] if normalise(r.text) in test_texts]


def test_test_split_comes_only_from_handwritten_test_files(splits):
    assert all(r.origin == "hand" and r.id.startswith("test-") for r in splits["test"])
    assert not [r for r in splits["train"] + splits["dev"] if r.id.startswith("test-")]


def test_dev_is_about_a_tenth_of_train_origin_posts(splits):
    share = len(splits["dev"]) / (len(splits["dev"]) + len(splits["train"]))
    assert 0.06 < share < 0.14


def test_every_span_slices_trimmed_text_and_spans_do_not_overlap(splits):
    for records in splits.values():
        for record in records:
            previous_end = 0
            for span in record.spans:
                piece = record.text[span.start : span.end]
                assert piece and piece == piece.strip(), (record.id, piece)
                assert span.label in LABELS
                assert span.start >= previous_end, record.id
                previous_end = span.end


def test_every_label_has_at_least_150_spans_in_train(splits):
    counts = Counter(s.label for r in splits["train"] for s in r.spans)
    assert {label: counts[label] for label in LABELS if counts[label] < 150} == {}


def test_corpus_size_languages_and_benign_share(splits):
    train_origin = splits["train"] + splits["dev"]
    assert len(train_origin) + len(splits["test"]) >= 1500
    langs = Counter(r.lang for r in train_origin)
    assert langs["nl"] > 0.35 * len(train_origin) and langs["en"] > 0.35 * len(train_origin)
    benign = sum(1 for r in train_origin if not r.spans) / len(train_origin)
    # Enough posts without any detail to teach the model restraint, about one in
    # four to one in three, without drowning out the annotated ones.
    assert 0.20 <= benign <= 0.35
    assert sum(1 for r in train_origin if r.origin == "hand") >= 250


def test_annotated_identifiers_validate_and_lookalikes_stay_unannotated(splits):
    """Template identifiers are real shapes; the invalid look-alikes are not marked."""
    annotated = [
        r.text[s.start : s.end]
        for r in splits["train"] + splits["dev"]
        if r.origin == "template"
        for s in r.spans
        if s.label == "IDENTIFIER"
    ]
    containers = [a for a in annotated if a[:4].isalpha() and a[:4].isupper() and a[3] == "U"]
    ibans = [a for a in annotated if a.startswith("NL") and a[2:4].isdigit()]
    phones = [a for a in annotated if a.startswith(("06", "+31", "05", "07", "+44"))]
    assert containers and ibans and phones
    assert all(iso6346.is_valid(c) for c in containers)
    assert all(iban.is_valid(i) for i in ibans)
    for number in phones:
        region = "GB" if number.startswith(("07", "+44")) else "NL"
        assert phonenumbers.is_valid_number(phonenumbers.parse(number, region)), number
    # Look-alikes appear in benign template posts, without any span.
    lookalike_posts = [r for r in splits["train"] if r.id.startswith("tpl-benign_lookalikes")]
    assert lookalike_posts and all(not r.spans for r in lookalike_posts)


def test_filling_is_deterministic_and_seed_dependent():
    families, library = load_templates(CORPUS / "templates")
    family = next(f for f in families if f.name == "marketplace_nl")
    first = [p.text for p in fill_family(family, library, seed=1)]
    again = [p.text for p in fill_family(family, library, seed=1)]
    other = [p.text for p in fill_family(family, library, seed=2)]
    assert first == again
    assert first != other


def test_unknown_slot_names_the_family(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        'families:\n  - {name: oops, lang: nl, count: 1, templates: ["[[{NOPE}|ORG]]"]}\n',
        encoding="utf-8",
    )
    families = load_families(path)
    with pytest.raises(TemplateError, match=r"oops.*unknown slot \{NOPE\}"):
        fill_family(families[0], load_templates(tmp_path)[1])


def test_template_with_bad_markup_names_the_template(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        'families:\n  - {name: oops, lang: nl, count: 1, templates: ["[[poort 3|GATE]]"]}\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="unknown label 'GATE'"):
        fill_family(load_families(path)[0], load_templates(tmp_path)[1])


def test_shipped_split_files_match_a_fresh_build(splits):
    for name, records in splits.items():
        shipped = (CORPUS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        fresh = [json.dumps(r.to_dict(), ensure_ascii=False) for r in records]
        assert shipped == fresh, f"{name}.jsonl is stale: run `python -m exposure.corpus build`"


def test_stats_command_counts_posts_and_labels(tmp_path: Path, capsys):
    from exposure.corpus.__main__ import main

    _tiny_corpus(tmp_path)
    assert main(["build", "--root", str(tmp_path)]) == 0
    assert main(["stats", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "test: 1 posts (en/hand=1); benign 1 (100%)" in out
    assert "dropped 1 train/dev posts whose text is in the test split" in out
    schedule_row = next(line for line in out.splitlines() if line.startswith("SCHEDULE"))
    assert schedule_row.split()[1:] != ["0", "0", "0"]


def test_build_reports_bad_markup_with_exit_code(tmp_path: Path, capsys):
    from exposure.corpus.__main__ import main

    _tiny_corpus(tmp_path)
    (tmp_path / "handwritten" / "train" / "b.txt").write_text(
        "@ lang=nl\nok\n---\n@ lang=nl\n[[poort 3|SITE]\n", encoding="utf-8"
    )
    assert main(["build", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "b.txt:5:" in err and "never closed" in err


def test_spans_cover_whole_words_and_end_without_punctuation(splits):
    """The scanner aligns spans to tokens, so a span must never cut a word."""
    for records in splits.values():
        for record in records:
            text = record.text
            for span in record.spans:
                piece = text[span.start : span.end]
                assert span.start == 0 or not text[span.start - 1].isalnum(), (record.id, piece)
                assert span.end == len(text) or not text[span.end].isalnum(), (record.id, piece)
                if not piece.lower().endswith("b.v."):
                    assert piece[-1] not in ".,;:!?", (record.id, piece)


def test_span_that_cuts_a_word_is_rejected_with_its_place(tmp_path: Path):
    _tiny_corpus(tmp_path)
    (tmp_path / "handwritten" / "train" / "c.txt").write_text(
        "@ lang=nl\nalle [[operator|ROLE]]s waren er\n", encoding="utf-8"
    )
    with pytest.raises(CorpusError, match=r"c.txt:1: span 'operator' cuts a word"):
        build(tmp_path)


def test_build_is_identical_across_processes_with_different_hash_seeds(tmp_path: Path):
    import os
    import subprocess
    import sys

    outputs = []
    for hash_seed in ("1", "2"):
        root = tmp_path / hash_seed
        _tiny_corpus(root)
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run(
            [sys.executable, "-m", "exposure.corpus", "build", "--root", str(root)],
            check=True,
            env=env,
            capture_output=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        outputs.append((root / "train.jsonl").read_bytes() + (root / "dev.jsonl").read_bytes())
    assert outputs[0] == outputs[1]


def test_train_and_dev_spans_align_with_spacy_tokens(splits):
    """Spans that do not fall on token boundaries are silently ignored in NER training."""
    import spacy

    tokenizers = {"nl": spacy.blank("nl"), "en": spacy.blank("en")}
    misaligned = [
        (record.id, record.text[span.start : span.end])
        for name in ("train", "dev")
        for record in splits[name]
        for span in record.spans
        if tokenizers[record.lang].make_doc(record.text).char_span(span.start, span.end) is None
    ]
    assert misaligned == []
