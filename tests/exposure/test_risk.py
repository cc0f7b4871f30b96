import pytest

from exposure.risk import assess, risk_table


def level(*pairs: tuple[str, str]) -> str:
    return assess(pairs).level


def test_nothing_found_is_none_with_score_zero() -> None:
    result = assess([])
    assert (result.level, result.score, result.reasons) == ("none", 0.0, ())


def test_a_single_harmless_detail_is_low() -> None:
    assert level(("ORG", "employer")) == "low"
    assert level(("SCHEDULE", "default")) == "low"


def test_an_identifier_alone_is_medium() -> None:
    assert level(("IDENTIFIER", "phone")) == "medium"


@pytest.mark.parametrize(
    "pairs",
    [
        [
            ("SCHEDULE", "default"),
            ("SITE", "gate"),
            ("SECURITY", "default"),
        ],  # timing + place + weakness
        [("ACCESS", "default"), ("GOODS", "default")],  # access + goods
        [("ROLE", "default"), ("ORG", "employer"), ("SCHEDULE", "default")],
        [("LOGISTICS", "movement"), ("GOODS", "quantity")],
        [("LEVERAGE", "default"), ("ORG", "employer")],
        [("SECURITY", "weakness")],  # a broken camera is an invitation on its own
    ],
)
def test_combinations_that_enable_action_are_high(pairs) -> None:
    assert assess(pairs).level == "high"


def test_risk_is_the_maximum_not_an_average() -> None:
    many_low = [("ORG", "employer"), ("PERSON", "default"), ("ROLE", "default")] * 5
    assert assess([*many_low, ("ACCESS", "secret")]).level == "high"


def test_score_stays_in_range_and_grows_with_level() -> None:
    low = assess([("ORG", "employer")]).score
    medium = assess([("IDENTIFIER", "phone")]).score
    high = assess([("ACCESS", "secret"), ("GOODS", "quantity"), ("SITE", "gate")] * 10).score
    assert 0 < low < medium < high <= 1


def test_reasons_are_given_in_the_ui_language() -> None:
    pairs = [("ACCESS", "default"), ("GOODS", "default")]
    nl = assess(pairs, "nl").reasons
    en = assess(pairs, "en").reasons
    assert nl and en and nl != en
    assert any("goods" in r.lower() for r in en)


def test_every_rule_has_both_languages_and_known_labels() -> None:
    table = risk_table()
    assert table.rules
    for rule in table.rules:
        assert rule.reason["nl"] and rule.reason["en"]
