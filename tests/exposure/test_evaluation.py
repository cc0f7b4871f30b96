import re

from exposure.cli import main
from exposure.evaluation import Scores, match_overlapping

GOLD = [(0, 10, "SECURITY"), (20, 25, "SITE"), (30, 35, "ORG")]


def test_exact_scoring_counts_only_identical_spans():
    scores = Scores()
    scores.add(GOLD, [(0, 12, "SECURITY"), (20, 25, "SITE"), (40, 45, "PERSON")])
    assert (scores.micro.tp, scores.micro.fp, scores.micro.fn) == (1, 2, 2)
    assert scores.per_label["SITE"].f1 == 1.0
    assert scores.per_label["SECURITY"].f1 == 0.0


def test_overlap_matching_needs_the_same_label_and_uses_each_gold_span_once():
    pred = [(0, 4, "SECURITY"), (5, 12, "SECURITY"), (21, 23, "ORG"), (31, 40, "ORG")]
    matched = match_overlapping(GOLD, pred)
    assert matched == [(0, 10, "SECURITY"), (5, 12, "SECURITY"), (21, 23, "ORG"), (30, 35, "ORG")]
    scores = Scores()
    scores.add(GOLD, matched)
    # Two halves of one gold span: one hit, one false positive; the wrong label stays wrong.
    assert (scores.micro.tp, scores.micro.fp, scores.micro.fn) == (2, 2, 1)


def test_evaluate_prints_exact_and_lenient_tables(capsys):
    assert main(["evaluate", "--split", "dev", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    micro = [float(line.split()[3]) for line in out.splitlines() if line.startswith("micro")]
    assert len(micro) == 4  # rules, NER, full scanner, full scanner lenient
    assert "lenient" in out
    # Lenient scoring only ever turns misses into hits.
    assert micro[3] >= micro[2]
    assert re.search(r"benign posts flagged medium/high: \d+/\d+", out)
