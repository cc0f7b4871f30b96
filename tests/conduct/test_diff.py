"""Two versions can be compared rule by rule, with the changed words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from exposure.conduct.diff import diff
from exposure.conduct.ruleset import (
    RuleSet,
    accept,
    add_from_catalogue,
    edit,
    move,
    new_draft,
    publish,
    reject,
)
from exposure.conduct.terms import CompanyTerms

AT = datetime(2025, 5, 1, tzinfo=UTC)
IDS = ("no-shift-details", "no-badge-photos", "nothing-about-shipments", "deleted-is-not-gone")


@pytest.fixture
def version_one() -> RuleSet:
    ruleset = RuleSet(company="Noordchem")
    terms = CompanyTerms.defaults()
    for rule_id in IDS:
        ruleset = add_from_catalogue(ruleset, rule_id, terms)
    return publish(ruleset, "HR", at=AT)


def test_added_removed_changed_and_unchanged(version_one):
    draft = new_draft(version_one)
    draft = reject(draft, "no-badge-photos")
    draft = add_from_catalogue(draft, "keep-money-trouble-offline", CompanyTerms.defaults())
    draft = edit(draft, "no-shift-details", "nl", title="Geen roosters online")
    result = diff(version_one, publish(draft, "HR", at=AT))
    kinds = {change.rule_id: change.kind for change in result.changes}
    assert kinds == {
        "no-shift-details": "changed",
        "keep-money-trouble-offline": "added",
        "no-badge-photos": "removed",
    }
    assert result.unchanged == 2
    assert result.summary("nl") == (
        "Versie 1 -> 2: 1 toegevoegd, 1 verwijderd, 1 gewijzigd, 0 verplaatst, 2 ongewijzigd."
    )


def test_text_diff_shows_the_changed_words(version_one):
    draft = new_draft(version_one)
    old_text = draft.get("no-shift-details").en.rule
    draft = edit(
        draft, "no-shift-details", "en", rule=old_text.replace("which shift", "which crew or shift")
    )
    change = diff(version_one, publish(draft, "HR", at=AT)).changes[0]
    (field,) = change.fields
    assert (field.lang, field.field) == ("en", "rule")
    inserted = "".join(text for op, text in field.segments if op == "insert")
    assert inserted.strip() == "crew or"
    assert not any(op == "delete" for op, _ in field.segments)
    assert "".join(text for op, text in field.segments if op != "insert") == old_text
    assert f"+{field.new}" in field.unified and f"-{old_text}" in field.unified


def test_only_the_rule_that_was_moved_counts_as_moved(version_one):
    draft = move(new_draft(version_one), "deleted-is-not-gone", 0)
    result = diff(version_one, publish(draft, "HR", at=AT))
    assert [(c.rule_id, c.kind, c.old_position, c.new_position) for c in result.changes] == [
        ("deleted-is-not-gone", "moved", 4, 1)
    ]
    assert result.unchanged == 3


def test_a_draft_is_compared_by_what_it_would_publish(version_one):
    draft = accept(new_draft(version_one), "no-badge-photos")
    assert diff(version_one, draft).changes == ()
