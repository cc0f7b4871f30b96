"""Company profile versions and conduct rule sets on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from app.storage import (
    InvalidData,
    PermissionDenied,
    RuleSetVersionExists,
    Storage,
    UnknownRuleSetVersion,
)
from exposure.conduct.ruleset import RuleSet, add_from_catalogue, new_draft, publish
from exposure.conduct.terms import CompanyTerms
from exposure.profile import CompanyProfile, sample_profile


@pytest.fixture
def hr(add_person):
    return add_person("Hanna HR", role="hr", department="Personeelszaken")


def published_document(version: int = 1, rules: tuple[str, ...] = ("no-badge-photos",)) -> dict:
    terms = CompanyTerms.from_profile(sample_profile())
    draft = RuleSet(company="Noordchem", version=version)
    for rule_id in rules:
        draft = add_from_catalogue(draft, rule_id, terms)
    return publish(draft, "hanna@noordchem.example").to_document()


# company profile -----------------------------------------------------------------


def test_profile_versions_count_up_and_the_newest_is_current(backend_storage: Storage, hr) -> None:
    assert backend_storage.current_profile() is None
    profile = sample_profile()
    assert backend_storage.save_profile(hr, profile.model_dump(mode="json")) == 1
    changed = profile.model_copy(update={"company_names": ["Noordchem", "NC Terminal"]})
    assert backend_storage.save_profile(hr, changed.model_dump(mode="json")) == 2

    current = backend_storage.current_profile()
    assert (current.version, current.saved_by) == (2, hr.email)
    assert CompanyProfile.model_validate(current.document) == changed
    assert current.saved_at.tzinfo is not None
    assert [v.version for v in backend_storage.list_profile_versions()] == [2, 1]
    first = backend_storage.get_profile_version(1)
    assert CompanyProfile.model_validate(first.document) == profile
    assert backend_storage.get_profile_version(3) is None
    details = [e.detail for e in backend_storage.list_audit(action="profile_saved")]
    assert details == ["version 2", "version 1"]


def test_only_hr_and_admin_save_profiles(backend_storage: Storage, add_person) -> None:
    jan = add_person("Jan")
    with pytest.raises(PermissionDenied):
        backend_storage.save_profile(jan, {"company_names": ["Noordchem"]})
    with pytest.raises(InvalidData):
        backend_storage.save_profile(add_person("Anne", role="admin"), ["not", "a", "mapping"])
    assert backend_storage.current_profile() is None


# rule set drafts -------------------------------------------------------------------


def test_there_is_one_current_draft(backend_storage: Storage, hr) -> None:
    assert backend_storage.load_ruleset_draft() is None
    terms = CompanyTerms.from_profile(sample_profile())
    draft = add_from_catalogue(RuleSet(company="Noordchem"), "no-badge-photos", terms)
    backend_storage.save_ruleset_draft(hr, draft.to_document())
    draft = add_from_catalogue(draft, "verify-connection-requests", terms)
    saved = backend_storage.save_ruleset_draft(hr, draft.to_document())

    loaded = backend_storage.load_ruleset_draft()
    assert loaded == saved and loaded.saved_by == hr.email
    assert RuleSet.from_document(loaded.document) == draft
    assert backend_storage.count_audit(action="ruleset_draft_saved") == 2

    assert backend_storage.discard_ruleset_draft(hr)
    assert not backend_storage.discard_ruleset_draft(hr)
    assert backend_storage.load_ruleset_draft() is None


# published versions --------------------------------------------------------------


def test_published_versions_are_kept_and_cannot_be_replaced(backend_storage: Storage, hr) -> None:
    assert backend_storage.latest_published_ruleset() is None
    backend_storage.save_ruleset_draft(hr, {"status": "draft", "version": 1})
    first = backend_storage.publish_ruleset(hr, 1, published_document(1))
    assert backend_storage.load_ruleset_draft() is None  # publishing ends the draft

    second_draft = new_draft(RuleSet.from_document(first.document))
    backend_storage.save_ruleset_draft(hr, second_draft.to_document())
    backend_storage.publish_ruleset(
        hr,
        2,
        published_document(2, ("no-badge-photos", "refuse-side-job-offers")),
        clear_draft=False,
    )
    assert backend_storage.load_ruleset_draft() is not None

    with pytest.raises(RuleSetVersionExists):
        backend_storage.publish_ruleset(hr, 1, published_document(1, ("keep-profile-generic",)))
    assert backend_storage.get_published_ruleset(1) == first
    assert RuleSet.from_document(first.document).rules[0].id == "no-badge-photos"

    assert [p.version for p in backend_storage.list_published_rulesets()] == [2, 1]
    latest = backend_storage.latest_published_ruleset()
    assert (latest.version, latest.published_by) == (2, hr.email)
    assert len(RuleSet.from_document(latest.document).rules) == 2
    assert backend_storage.get_published_ruleset(3) is None
    assert [e.detail for e in backend_storage.list_audit(action="ruleset_published")] == [
        "version 2",
        "version 1",
    ]


def test_publishing_checks_version_and_actor(backend_storage: Storage, hr, add_person) -> None:
    with pytest.raises(InvalidData):  # the document says 1
        backend_storage.publish_ruleset(hr, 2, published_document(1))
    with pytest.raises(InvalidData):
        backend_storage.publish_ruleset(hr, 0, {"rules": []})
    with pytest.raises(PermissionDenied):
        backend_storage.publish_ruleset(add_person("Jan"), 1, published_document(1))
    with pytest.raises(PermissionDenied):
        backend_storage.save_ruleset_draft(add_person("Piet"), {"rules": []})
    assert backend_storage.list_published_rulesets() == []


# acknowledgements ----------------------------------------------------------------


def test_acknowledging_is_idempotent_and_hr_sees_who_did(
    backend_storage: Storage, hr, add_person
) -> None:
    backend_storage.publish_ruleset(hr, 1, published_document(1))
    backend_storage.publish_ruleset(hr, 2, published_document(2))
    jan = add_person("Jan", department="Logistiek")
    bea = add_person("Bea", department="Productie")
    add_person("Cor", department="Logistiek")

    first = backend_storage.acknowledge_ruleset(jan, 1)
    again = backend_storage.acknowledge_ruleset(jan, 1)
    assert again == first  # the first moment stays
    backend_storage.acknowledge_ruleset(bea, 1)
    backend_storage.acknowledge_ruleset(bea, 2)

    assert backend_storage.has_acknowledged(jan, 1)
    assert not backend_storage.has_acknowledged(jan, 2)
    version_1 = backend_storage.acknowledgements(hr, 1)
    assert [(a.name, a.department, a.version) for a in version_1] == [
        ("Bea", "Productie", 1),
        ("Jan", "Logistiek", 1),
    ]
    assert version_1[1].acknowledged_at == first.acknowledged_at
    assert [a.name for a in backend_storage.acknowledgements(hr, 2)] == ["Bea"]
    entry = backend_storage.list_audit(action="acknowledgements_viewed")[0]
    assert (entry.actor_id, entry.detail) == (hr.id, "version 2")


def test_only_published_versions_can_be_acknowledged(
    backend_storage: Storage, hr, add_person
) -> None:
    jan = add_person("Jan")
    with pytest.raises(UnknownRuleSetVersion):
        backend_storage.acknowledge_ruleset(jan, 1)
    assert not backend_storage.has_acknowledged(jan, 1)
    with pytest.raises(PermissionDenied):
        backend_storage.acknowledgements(jan, 1)
