"""HR edits a draft, publishes versions, and the document survives storage."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from exposure.conduct.proposal import propose_rules
from exposure.conduct.ruleset import (
    RuleSet,
    RuleSetError,
    accept,
    add_custom,
    add_from_catalogue,
    applicable_rule,
    draft_from_proposal,
    edit,
    move,
    new_draft,
    publish,
    reject,
    reorder,
)
from exposure.conduct.terms import CompanyTerms

PUBLISHED_AT = datetime(2025, 4, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def draft(make_result, profile):
    results = [
        make_result(
            "1",
            "Camera bij de slagboom is kapot",
            "high",
            ("Camera bij de slagboom is kapot", "SECURITY"),
        ),
        make_result(
            "2", "Weer nachtdienst, alleen tot 06:00", "medium", ("alleen tot 06:00", "SCHEDULE")
        ),
    ]
    return draft_from_proposal(propose_rules(results, None, profile, "nl"))


def test_a_proposal_becomes_a_pending_draft_in_ranked_order(draft):
    assert draft.status == "draft" and draft.version == 1
    assert draft.company == "Noordchem"
    assert all(rule.state == "pending" for rule in draft.rules)
    assert draft.rules[0].reasons["nl"]  # HR sees why it was proposed


def test_accept_reject_edit_and_reorder(draft):
    first, second, third = (rule.id for rule in draft.rules[:3])
    edited = edit(accept(draft, first), first, "nl", title="Camera's: nooit online")
    edited = reject(edited, second)
    assert edited.get(first).state == "accepted"
    assert edited.get(first).nl.title == "Camera's: nooit online"
    assert edited.get(first).en.title == draft.get(first).en.title
    assert edited.get(second).state == "rejected"
    # The original is untouched: every function returns a new rule set.
    assert draft.get(first).state == "pending"
    moved = move(edited, third, 0)
    assert [rule.id for rule in moved.rules[:3]] == [third, first, second]
    with pytest.raises(RuleSetError, match="every rule once"):
        reorder(edited, [first, second])


def test_empty_title_is_refused(draft):
    with pytest.raises(RuleSetError, match="title"):
        edit(draft, draft.rules[0].id, "en", title="   ")


def test_custom_rule_gets_both_languages_and_its_own_id(draft):
    with_custom = add_custom(
        draft,
        title={"nl": "Geen foto's van de kluis"},
        rule={
            "nl": "Fotografeer de kluis en de sleutelkast nooit.",
            "en": "Never photograph the safe.",
        },
        labels=["ACCESS"],
        severity=3,
    )
    custom = with_custom.rules[-1]
    assert custom.id == "custom-1" and custom.origin == "custom" and custom.state == "accepted"
    assert custom.en.title == "Geen foto's van de kluis"  # falls back to the language given
    assert custom.en.rule == "Never photograph the safe."
    assert add_custom(with_custom, {"en": "Two"}, {"en": "Second rule."}).rules[-1].id == "custom-2"
    with pytest.raises(RuleSetError):
        add_custom(draft, {"nl": ""}, {"nl": ""})


def test_publish_keeps_accepted_rules_only_and_drops_quotes(draft):
    first, second = draft.rules[0].id, draft.rules[1].id
    ready = reject(accept(accept(draft, first), second), second)
    published = publish(ready, "Petra Bakker", at=PUBLISHED_AT)
    assert published.status == "published" and published.version == 1
    assert published.published_by == "Petra Bakker" and published.published_at == PUBLISHED_AT
    assert [rule.id for rule in published.rules] == [first]
    assert published.rules[0].quotes == () and published.rules[0].reasons == {}


def test_published_versions_are_read_only_and_drafts_follow_on(draft):
    published = publish(accept(draft, draft.rules[0].id), "HR", at=PUBLISHED_AT)
    with pytest.raises(RuleSetError, match="read-only"):
        edit(published, published.rules[0].id, "nl", title="Anders")
    with pytest.raises(RuleSetError, match="read-only"):
        publish(published, "HR")
    following = new_draft(published)
    assert (following.status, following.version, following.based_on) == ("draft", 2, 1)
    assert publish(following, "HR", at=PUBLISHED_AT).version == 2


def test_nothing_accepted_cannot_be_published(draft):
    with pytest.raises(RuleSetError, match="accept at least one"):
        publish(draft, "HR")
    with pytest.raises(RuleSetError, match="who publishes"):
        publish(accept(draft, draft.rules[0].id), " ")


def test_document_round_trips_through_json(draft, profile):
    ruleset = add_from_catalogue(
        accept(draft, draft.rules[0].id),
        "keep-money-trouble-offline",
        CompanyTerms.from_profile(profile),
    )
    published = publish(ruleset, "HR", at=PUBLISHED_AT)
    for version in (ruleset, published):
        stored = json.loads(json.dumps(version.to_document()))
        assert RuleSet.from_document(stored) == version
    assert "Karim El Amrani" in published.get("keep-money-trouble-offline").nl.rule


def test_a_damaged_document_is_refused_with_the_field(draft):
    document = draft.to_document()
    document["rules"][0]["severity"] = 7
    with pytest.raises(RuleSetError, match=r"rules\.0\.severity"):
        RuleSet.from_document(document)
    document = publish(accept(draft, draft.rules[0].id), "HR").to_document()
    document["published_by"] = None
    with pytest.raises(RuleSetError, match="published_by"):
        RuleSet.from_document(document)


def test_self_check_links_to_the_most_severe_published_rule(draft):
    ruleset = draft
    for rule in draft.rules:
        ruleset = accept(ruleset, rule.id)
    published = publish(ruleset, "HR", at=PUBLISHED_AT)
    rule = applicable_rule(published, "SECURITY")
    assert rule is not None and "SECURITY" in rule.labels and rule.severity == 3
    assert applicable_rule(published, "LEVERAGE") is None
