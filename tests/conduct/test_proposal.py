"""Rules are proposed in the order of the risks actually found, with the figures."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from exposure.conduct.catalogue import PLACEHOLDER_PATTERN, default_catalogue
from exposure.conduct.proposal import propose_rules

SECURITY_POST = "De camera bij de slagboom doet het al weken niet, zegt Jan de Vries"
GOODS_POST = "Tank 12 zit weer vol met methanol"
HARMLESS_POST = "Mooie zonsondergang vanavond"


@pytest.fixture
def security_heavy_scan(make_result):
    """120 posts: SECURITY in 14 (6 high-risk), GOODS in 2, the rest harmless."""
    results = []
    for i in range(14):
        results.append(
            make_result(
                f"s{i}",
                SECURITY_POST,
                "high" if i < 6 else "medium",
                ("camera bij de slagboom doet het al weken niet", "SECURITY"),
                ("Jan de Vries", "PERSON"),
            )
        )
    for i in range(2):
        results.append(make_result(f"g{i}", GOODS_POST, "low", ("vol met methanol", "GOODS")))
    results += [make_result(f"h{i}", HARMLESS_POST, "none") for i in range(104)]
    return results


def _rank_of(proposal, rule_id):
    return next(rule.rank for rule in proposal.rules if rule.rule_id == rule_id)


def test_a_dominant_label_puts_its_rules_first(security_heavy_scan, profile):
    proposal = propose_rules(security_heavy_scan, None, profile, "nl")
    security_rules = {rule.id for rule in default_catalogue().rules_for_label("SECURITY")}
    top = [rule.rule_id for rule in proposal.rules[: len(security_rules)]]
    assert set(top) == security_rules
    goods_rank = _rank_of(proposal, "nothing-about-substances-or-stock")
    assert all(_rank_of(proposal, rule_id) < goods_rank for rule_id in security_rules)


def test_the_dominant_label_changes_the_order(make_result, profile):
    goods_heavy = [
        make_result(f"g{i}", GOODS_POST, "high", ("vol met methanol", "GOODS")) for i in range(20)
    ] + [
        make_result(
            "s", SECURITY_POST, "low", ("camera bij de slagboom doet het al weken niet", "SECURITY")
        )
    ]
    proposal = propose_rules(goods_heavy, None, profile, "nl")
    goods_rules = {rule.id for rule in default_catalogue().rules_for_label("GOODS")}
    assert {rule.rule_id for rule in proposal.rules[: len(goods_rules)]} == goods_rules


def test_reasons_give_the_figures(security_heavy_scan, profile):
    proposal = propose_rules(security_heavy_scan, None, profile, "en")
    rule = next(r for r in proposal.rules if r.rule_id == "dont-describe-security-measures")
    assert (
        "Security (SECURITY) found in 14 of 120 posts, 6 of them high-risk." in rule.reasons["en"]
    )
    assert (
        "Beveiliging (SECURITY) gevonden in 14 van de 120 berichten, waarvan 6 met hoog risico."
        in rule.reasons["nl"]
    )
    stats = {s.label: s for s in proposal.label_stats}
    assert (stats["SECURITY"].posts, stats["SECURITY"].high_risk_posts) == (14, 6)
    assert stats["SECURITY"].exposure == 1.0
    assert 0 < stats["GOODS"].exposure < stats["SECURITY"].exposure


def test_baseline_rules_come_after_the_rules_from_findings(security_heavy_scan, profile):
    proposal = propose_rules(security_heavy_scan, None, profile, "nl")
    baseline = [rule for rule in proposal.rules if rule.baseline]
    found = [rule for rule in proposal.rules if rule.score > 0]
    assert {"deleted-is-not-gone", "think-about-the-sum", "verify-connection-requests"} <= {
        rule.rule_id for rule in baseline
    }
    assert max(rule.rank for rule in found) < min(rule.rank for rule in baseline)
    assert all(rule.reasons["nl"][-1].startswith("Basisregel") for rule in baseline)
    # Rules for labels nobody revealed are offered separately, not proposed.
    assert "keep-money-trouble-offline" in proposal.not_proposed
    assert [rule.rank for rule in proposal.rules] == list(range(1, len(proposal.rules) + 1))


def test_company_terms_are_filled_in(security_heavy_scan, profile):
    proposal = propose_rules(security_heavy_scan, None, profile, "nl")
    rule = next(r for r in proposal.rules if r.rule_id == "nothing-about-incidents-or-outages")
    assert "Petra Bakker (beveiligingsmanager, 0596 123 456)" in rule.text("nl").rule
    assert proposal.company == "Noordchem"
    for proposed in proposal.rules:
        for lang in ("nl", "en"):
            for value in proposed.text(lang).fields().values():
                assert not PLACEHOLDER_PATTERN.search(value), (proposed.rule_id, value)


def test_quotes_are_anonymised(security_heavy_scan, profile):
    proposal = propose_rules(security_heavy_scan, None, profile, "nl")
    quotes = [q for rule in proposal.rules for q in rule.quotes]
    assert quotes
    assert any("camera bij de slagboom" in q for q in quotes)
    for text in quotes:
        assert "Jan" not in text and "Vries" not in text
        assert not re.search(r"\d", text)


def test_shared_counts_alone_are_enough(profile):
    counts = {"LEVERAGE": 30, "SCHEDULE": 5}
    proposal = propose_rules(None, counts, profile, "nl", shared_people=25)
    assert proposal.rules[0].rule_id == "keep-money-trouble-offline"
    assert proposal.rules[0].quotes == ()
    assert proposal.rules[0].reasons["nl"][0] == (
        "Gedeelde tellingen van medewerkers (25 medewerkers): Kwetsbaarheid (LEVERAGE) 30 keer, "
        "86% van alles wat gedeeld is."
    )
    assert proposal.total_posts == 0 and proposal.shared_total == 35


def test_shared_counts_from_too_few_people_are_not_used(profile):
    proposal = propose_rules(None, {"LEVERAGE": 3}, profile, "en", shared_people=4)
    assert all(rule.baseline for rule in proposal.rules)
    assert any("fewer than 10 employees" in note for note in proposal.notes)


def test_unknown_labels_in_shared_counts_are_refused(profile):
    with pytest.raises(ValueError, match="CHEMICALS"):
        propose_rules(None, {"CHEMICALS": 3}, profile, "nl")
    with pytest.raises(ValueError, match="SITE"):
        propose_rules(None, {"SITE": -1}, profile, "nl")


def test_without_any_input_only_baseline_rules_are_proposed():
    proposal = propose_rules(None, None, None, "nl")
    assert proposal.rules and all(rule.baseline for rule in proposal.rules)
    assert proposal.notes


def test_proposal_is_json_serialisable(security_heavy_scan, profile):
    moment = datetime(2025, 3, 11, 9, 30, tzinfo=UTC)
    data = propose_rules(
        security_heavy_scan, {"ACCESS": 4}, profile, "en", now=moment
    ).to_json_dict()
    decoded = json.loads(json.dumps(data))
    assert decoded["generated_at"] == "2025-03-11T09:30:00+00:00"
    assert decoded["total_posts"] == 120
    assert decoded["rules"][0]["reasons"]
    assert {"title", "rule", "why", "do", "dont", "quotes", "sources"} <= set(decoded["rules"][0])


def test_a_rule_about_exactly_what_was_found_beats_a_broader_one(make_result, profile):
    results = [
        make_result(
            "1",
            SECURITY_POST,
            "high",
            ("camera bij de slagboom doet het al weken niet", "SECURITY"),
        )
    ]
    proposal = propose_rules(results, None, profile, "nl")
    assert proposal.rules[0].labels == ("SECURITY",)
    assert proposal.rules[0].severity == 3
