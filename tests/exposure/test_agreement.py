import json

from exposure.agreement import AGREEMENT_FILE, load_sample, score_pairs
from exposure.cli import main

DEV = [
    {
        "id": "a",
        "text": "camera bij poort 3 is stuk",
        "lang": "nl",
        "origin": "hand",
        "spans": [{"start": 0, "end": 26, "label": "SECURITY"}],
    },
    {
        "id": "b",
        "text": "night shift at the jetty",
        "lang": "en",
        "origin": "hand",
        "spans": [{"start": 0, "end": 11, "label": "SCHEDULE"}],
    },
]
SECOND = """@ lang=nl
[[camera bij poort 3|SECURITY]] is stuk
---
@ lang=en
[[night shift|SCHEDULE]] at the [[jetty|SITE]]
---
@ lang=en
a post that was edited in the corpus since
"""


def write_corpus(tmp_path):
    (tmp_path / "dev.jsonl").write_text("\n".join(json.dumps(r) for r in DEV), encoding="utf-8")
    path = tmp_path / "second.txt"
    path.write_text(SECOND, encoding="utf-8")
    return path


def test_second_annotation_is_matched_to_dev_posts_by_text(tmp_path):
    sample = load_sample(write_corpus(tmp_path), corpus_dir=tmp_path)
    assert [r.id for r in sample.rows] == ["a", "b"]
    assert sample.second == (((0, 18, "SECURITY"),), ((0, 11, "SCHEDULE"), (19, 24, "SITE")))
    assert sample.stale == 1


def test_boundary_disagreement_is_an_exact_miss_but_a_lenient_match(tmp_path):
    sample = load_sample(write_corpus(tmp_path), corpus_dir=tmp_path)
    exact, lenient = score_pairs([r.spans for r in sample.rows], sample.second)
    assert (exact.micro.tp, exact.micro.fp, exact.micro.fn) == (1, 2, 1)
    assert exact.per_label["SECURITY"].f1 == 0.0
    assert lenient.per_label["SECURITY"].f1 == 1.0
    assert lenient.per_label["SITE"].fp == 1  # a span only one annotator marked stays unmatched


def test_shipped_second_annotation_still_matches_the_dev_split():
    sample = load_sample()
    assert sample.stale == 0, "dev posts were edited: re-annotate them in " + str(AGREEMENT_FILE)
    assert len(sample.rows) >= 200
    assert {r.lang for r in sample.rows} == {"nl", "en"}


def test_agreement_command_prints_annotators_and_scanner_side_by_side(capsys):
    assert main(["agreement"]) == 0
    out = capsys.readouterr().out
    micro = next(line.split() for line in out.splitlines() if line.startswith("micro"))
    annotators, scanner_first, scanner_second = map(float, micro[2:5])
    assert all(0.0 < f <= 1.0 for f in (annotators, scanner_first, scanner_second))
    assert "LEVERAGE" in out and "lenient micro F1" in out


def test_agreement_command_rejects_a_missing_or_broken_file(tmp_path, capsys):
    assert main(["agreement", "--file", str(tmp_path / "nope.txt")]) == 2
    broken = tmp_path / "broken.txt"
    broken.write_text("@ lang=nl\n[[open span|SITE\n", encoding="utf-8")
    assert main(["agreement", "--file", str(broken)]) == 2
    assert "broken.txt" in capsys.readouterr().err
