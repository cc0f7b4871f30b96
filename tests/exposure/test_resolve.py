from collections.abc import Callable

import pytest

import exposure.resolve as resolve_module
from exposure.candidates import Candidate
from exposure.resolve import ner_may_add, plausible_ner, resolve

SetConfig = Callable[..., None]


@pytest.fixture
def with_config(monkeypatch: pytest.MonkeyPatch) -> SetConfig:
    """Set which labels the NER may add and which it wins, for one test."""
    checks = resolve_module._ner_config()[0]

    def set_config(standalone: set[str], preferred: set[str] = frozenset()) -> None:
        monkeypatch.setattr(
            resolve_module,
            "_ner_config",
            lambda: (checks, frozenset(standalone), frozenset(preferred)),
        )

    return set_config


def spans(resolved) -> list[tuple[int, int, str, str]]:
    return [(r.start, r.end, r.label, r.source) for r in resolved]


def test_composite_security_span_wins_over_the_place_inside_it() -> None:
    text = "de camera bij poort 3 doet het al weken niet"
    rules = [
        Candidate(14, 21, "SITE", "profile", "gate"),
        Candidate(3, len(text), "SECURITY", "pattern", "weakness", composite=True),
        Candidate(3, 9, "SECURITY", "lexicon"),
    ]
    assert spans(resolve(rules, text=text)) == [(3, len(text), "SECURITY", "pattern")]


def test_profile_beats_identifier_beats_pattern_beats_lexicon() -> None:
    rules = [
        Candidate(0, 10, "SITE", "lexicon"),
        Candidate(0, 10, "GOODS", "pattern"),
        Candidate(0, 10, "IDENTIFIER", "identifier"),
        Candidate(0, 10, "ORG", "profile"),
    ]
    assert spans(resolve(rules)) == [(0, 10, "ORG", "profile")]


def test_longer_rule_span_wins_among_equals() -> None:
    rules = [Candidate(0, 5, "ROLE", "lexicon"), Candidate(0, 12, "ROLE", "lexicon")]
    assert spans(resolve(rules)) == [(0, 12, "ROLE", "lexicon")]


def test_ner_adds_spans_where_no_rule_fired() -> None:
    text = "nachtdienst bij Noordchem"
    rules = [Candidate(16, 25, "ORG", "profile")]
    ner = [Candidate(0, 11, "SCHEDULE", "ner"), Candidate(16, 25, "SITE", "ner")]
    assert spans(resolve(rules, ner, text=text)) == [
        (0, 11, "SCHEDULE", "ner"),
        (16, 25, "ORG", "profile"),
    ]


def test_ner_never_overrides_or_widens_a_rule_span() -> None:
    text = "bij Noordchem B.V. werken"
    rules = [Candidate(4, 13, "ORG", "profile")]
    ner = [Candidate(4, 18, "ORG", "ner"), Candidate(4, 13, "SITE", "ner")]
    assert spans(resolve(rules, ner, text=text)) == [(4, 13, "ORG", "profile")]


def test_ner_adds_only_the_labels_it_is_trusted_with(with_config: SetConfig) -> None:
    text = "Sanne werkt bij Hunze Gas"
    ner = [Candidate(0, 5, "PERSON", "ner"), Candidate(16, 25, "ORG", "ner")]
    assert ner_may_add("ORG") and not ner_may_add("SECURITY")
    with_config(standalone={"ORG"})
    assert spans(resolve([], ner, text=text)) == [(16, 25, "ORG", "ner")]


def test_a_preferred_label_of_the_ner_replaces_an_overlapping_lexicon_span(
    with_config: SetConfig,
) -> None:
    text = "ik sta morgen nachtdienst"
    rules = [Candidate(14, 25, "SCHEDULE", "lexicon")]
    ner = [Candidate(7, 25, "SCHEDULE", "ner")]
    with_config(standalone={"SCHEDULE"}, preferred={"SCHEDULE"})
    assert spans(resolve(rules, ner, text=text)) == [(7, 25, "SCHEDULE", "ner")]
    with_config(standalone={"SCHEDULE"}, preferred=set())
    assert spans(resolve(rules, ner, text=text)) == [(14, 25, "SCHEDULE", "lexicon")]


def test_composite_profile_and_identifier_spans_beat_a_preferred_ner_span(
    with_config: SetConfig,
) -> None:
    text = "de camera bij poort 3 doet het niet"
    rules = [Candidate(3, 35, "SECURITY", "pattern", "weakness", composite=True)]
    ner = [Candidate(14, 21, "SITE", "ner")]
    with_config(standalone={"SITE"}, preferred={"SITE"})
    assert spans(resolve(rules, ner, text=text)) == [(3, 35, "SECURITY", "pattern")]
    rules = [Candidate(14, 21, "SITE", "profile")]
    ner = [Candidate(3, 21, "SECURITY", "ner")]
    with_config(standalone={"SECURITY"}, preferred={"SECURITY"})
    assert spans(resolve(rules, ner, text=text)) == [(14, 21, "SITE", "profile")]


def test_findings_never_overlap() -> None:
    rules = [Candidate(0, 8, "SITE", "lexicon"), Candidate(5, 15, "GOODS", "lexicon")]
    ner = [Candidate(3, 12, "ORG", "ner")]
    out = resolve(rules, ner)
    for a, b in zip(out, out[1:], strict=False):
        assert a.end <= b.start


def test_allow_list_drops_spans_inside_allowed_phrases() -> None:
    rules = [Candidate(0, 9, "ORG", "profile")]
    assert resolve(rules, allowed=[(0, 18)]) == []


def test_weak_place_name_alone_is_not_reported() -> None:
    text = "fietsen naar de Eemshaven"
    assert resolve([Candidate(16, 25, "SITE", "profile", "site", weak=True)], text=text) == []
    with_other = [
        Candidate(16, 25, "SITE", "profile", "site", weak=True),
        Candidate(0, 7, "SCHEDULE", "lexicon"),
    ]
    assert len(resolve(with_other, text=text)) == 2


def test_implausible_ner_spans_are_dropped() -> None:
    assert not plausible_ner("ijsje verdiend", "SCHEDULE")
    assert not plausible_ner("👞", "IDENTIFIER")
    assert not plausible_ner("netflix", "PERSON")
    assert plausible_ner("Jan de Vries", "PERSON")
    assert plausible_ner("nachtdienst", "SCHEDULE")


def test_ner_spans_that_run_on_into_the_sentence_are_dropped() -> None:
    assert not plausible_ner("donderdag komt er een", "SCHEDULE")  # ends on "een"
    assert not plausible_ner("baas 😍 DAF met alles erop", "LEVERAGE")  # emoji inside
    assert not plausible_ner("Dollard vanavond", "ORG")  # a name ends capitalised
    assert plausible_ner("€12.000 gokschuld", "LEVERAGE")


def test_model_spans_inside_pasted_markup_are_dropped(with_config: SetConfig) -> None:
    text = "<img src=x onerror=alert(1)> morgen nachtdienst"
    ner = [Candidate(19, 26, "SITE", "ner"), Candidate(20, 27, "SITE", "ner")]
    with_config(standalone={"SITE"})
    assert resolve([], ner, text=text) == []


def test_span_length_limit_follows_the_label() -> None:
    # A shipment with its time and berth is one detail; a site never runs that long.
    assert plausible_ner("MT Wadden Pride komt om 01:00 aan steiger 4", "LOGISTICS")
    assert not plausible_ner("Terminal Oost komt om 01:00 aan steiger 4", "SITE")
    assert plausible_ner("bewaking loopt maar 1x per nacht een ronde", "SECURITY")
    too_long = "tankwagens rijden elke nacht vanaf de A7 via de achterste poort naar hal 2"
    assert not plausible_ner(too_long, "LOGISTICS")
