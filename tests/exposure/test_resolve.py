from exposure.candidates import Candidate
from exposure.resolve import ner_may_add, plausible_ner, resolve


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


def test_ner_adds_only_the_labels_it_is_trusted_with() -> None:
    text = "Sanne werkt bij Hunze Gas"
    ner = [Candidate(0, 5, "PERSON", "ner"), Candidate(16, 25, "ORG", "ner")]
    assert ner_may_add("ORG") and not ner_may_add("PERSON")
    assert spans(resolve([], ner, text=text)) == [(16, 25, "ORG", "ner")]


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
