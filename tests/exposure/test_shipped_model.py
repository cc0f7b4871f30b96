"""The trained pipelines ship in data/model/ and load with plain spacy.load."""

import warnings

import pytest
import spacy

import exposure.pipeline  # noqa: F401  (registers the scanner's components)
from exposure.evaluation import CORPUS_DIR, Scores, load_split, predict
from exposure.pipeline import model_path
from exposure.profile import sample_profile

# A few points below what `python -m exposure evaluate` measured when the model was built.
TEST_MICRO_F1_FLOOR = 0.68


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_shipped_pipeline_loads_with_spacy_load(lang: str) -> None:
    nlp = spacy.load(model_path(lang))
    assert nlp.lang == lang
    assert nlp.pipe_names == [
        "exposure_profile",
        "exposure_identifiers",
        "exposure_lexicons",
        "exposure_patterns",
        "ner",
        "exposure_resolver",
    ]
    doc = nlp(
        "Weer nachtdienst, de camera bij poort 3 doet het niet"
        if lang == "nl"
        else "Night shift again, the cctv at gate 3 is broken"
    )
    labels = {f.label for f in doc._.exposure_findings}
    assert {"SCHEDULE", "SECURITY"} <= labels
    assert len(doc.ents) >= 2


@pytest.mark.skipif(not (CORPUS_DIR / "test.jsonl").is_file(), reason="corpus not built")
def test_full_scanner_reaches_the_f1_floor_on_the_test_split() -> None:
    scores = Scores()
    for lang in ("nl", "en"):
        rows = load_split("test", lang)
        if not rows:
            continue
        nlp = spacy.load(model_path(lang))
        nlp.get_pipe("exposure_profile").set_profile(sample_profile())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for row, pred in zip(rows, predict(nlp, [r.text for r in rows]), strict=True):
                scores.add(row.spans, pred)
    micro = scores.micro.f1
    print(f"\nmeasured test micro F1: {micro:.3f} (floor {TEST_MICRO_F1_FLOOR})")
    assert micro >= TEST_MICRO_F1_FLOOR
