"""Employees' own data on SQLite and PostgreSQL: consent, scans, shared counts, self-checks.

These are the privacy guarantees of DESIGN.md as the database keeps them: sharing
needs consent and withdrawal deletes, HR only ever sees groups of at least the
minimum size, "delete my data" removes that person's data and nobody else's, and
scans are kept no longer than the retention period.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app.storage import (
    ConsentRequired,
    InvalidData,
    PermissionDenied,
    Storage,
    UnknownUser,
    open_storage,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
CONSENT_TEXT = "2025-11-a"
SHARE = "share_counts_with_hr"


def sample_scan(author: str, n_posts: int = 3) -> tuple[list[dict], list[dict], dict]:
    posts = [
        {
            "id": f"{author}-{i}",
            "text": f"Nachtdienst bij poort {i} van Noordchem, camera kapot ({author})",
            "lang": "nl",
            "platform": "mastodon",
            "created_at": f"2025-11-0{i + 1}T22:15:00+00:00",
            "url": None,
            "author": author,
        }
        for i in range(n_posts)
    ]
    results = [
        {
            "id": post["id"],
            "lang": "nl",
            "risk": "high",
            "score": 0.82,
            "findings": [
                {"start": 0, "end": 11, "text": "Nachtdienst", "label": "SCHEDULE"},
                {"start": 35, "end": 47, "text": "camera kapot", "label": "SECURITY"},
            ],
            "rewrite": "Weer een dienst erop zitten.",
        }
        for post in posts
    ]
    dossier = {
        "author": author,
        "items": [{"label": "SITE", "value": "poort 1", "post_ids": [posts[0]["id"]]}],
        "risk": "high",
        "score": 0.9,
        "post_count": n_posts,
    }
    return posts, results, dossier


def consent_to_share(storage: Storage, user) -> None:
    storage.record_consent(user, SHARE, CONSENT_TEXT, True)


def share(storage: Storage, user, department: str | None, counts: dict[str, int]) -> None:
    consent_to_share(storage, user)
    storage.share_counts(user, department, counts)


# consent -------------------------------------------------------------------------


def test_consent_history_is_kept_and_the_latest_choice_counts(
    backend_storage: Storage, add_person
) -> None:
    jan = add_person("Jan")
    assert backend_storage.latest_consent(jan, SHARE) is None
    assert not backend_storage.has_consent(jan, SHARE)

    given = backend_storage.record_consent(jan, SHARE, "v1", True)
    backend_storage.record_consent(jan, "fetch_own_posts", "v1", True)
    withdrawn = backend_storage.record_consent(jan, SHARE, "v2", False)

    latest = backend_storage.latest_consent(jan, SHARE)
    assert latest == withdrawn
    assert (latest.given, latest.text_version) == (False, "v2")
    assert latest.at.tzinfo is not None and latest.at >= given.at
    assert not backend_storage.has_consent(jan, SHARE)
    assert backend_storage.has_consent(jan, "fetch_own_posts")
    history = backend_storage.list_consents(jan)
    assert [(c.purpose, c.text_version, c.given) for c in history] == [
        (SHARE, "v1", True),
        ("fetch_own_posts", "v1", True),
        (SHARE, "v2", False),
    ]


def test_consent_needs_a_known_purpose_a_version_and_an_existing_account(
    backend_storage: Storage, add_person
) -> None:
    jan = add_person("Jan")
    with pytest.raises(InvalidData):
        backend_storage.record_consent(jan, "monitor_everything", "v1", True)
    with pytest.raises(InvalidData):
        backend_storage.record_consent(jan, SHARE, "  ", True)
    ghost = replace(jan, id=9999)
    with pytest.raises(UnknownUser):
        backend_storage.record_consent(ghost, SHARE, "v1", True)
    assert backend_storage.list_consents(jan) == []


# the employee's own scan --------------------------------------------------------


def test_own_scan_round_trip_replaces_the_previous_one(
    backend_storage: Storage, add_person
) -> None:
    jan = add_person("Jan")
    assert backend_storage.load_my_scan(jan) is None
    posts, results, dossier = sample_scan("jan")
    first_id = backend_storage.save_my_scan(jan, "mastodon", posts, results, dossier)

    scan = backend_storage.load_my_scan(jan)
    assert scan is not None and scan.id == first_id
    assert (scan.source, scan.posts, scan.results, scan.dossier) == (
        "mastodon",
        posts,
        results,
        dossier,
    )
    assert scan.expires_at - scan.saved_at == timedelta(days=30)

    new_posts, new_results, new_dossier = sample_scan("jan", n_posts=1)
    second_id = backend_storage.save_my_scan(jan, "upload", new_posts, new_results, new_dossier)
    scan = backend_storage.load_my_scan(jan)
    assert scan.id == second_id != first_id
    assert (scan.source, len(scan.posts)) == ("upload", 1)


def test_own_scan_is_copied_when_saved(backend_storage: Storage, add_person) -> None:
    jan = add_person("Jan")
    posts, results, dossier = sample_scan("jan")
    backend_storage.save_my_scan(jan, "sample", posts, results, dossier)
    posts[0]["text"] = "changed after saving"
    assert backend_storage.load_my_scan(jan).posts[0]["text"].startswith("Nachtdienst")


@pytest.mark.parametrize(
    ("posts", "results", "dossier"),
    [
        ("not a list", [], {}),
        ([1, 2], [], {}),
        ([{"created_at": datetime(2025, 1, 1, tzinfo=UTC)}], [], {}),
        ([], [{"score": float("nan")}], {}),
        ([], [], ["not", "a", "mapping"]),
    ],
)
def test_own_scan_refuses_what_json_cannot_hold(
    backend_storage: Storage, add_person, posts, results, dossier
) -> None:
    jan = add_person("Jan")
    with pytest.raises(InvalidData):
        backend_storage.save_my_scan(jan, "upload", posts, results, dossier)
    assert backend_storage.load_my_scan(jan) is None


def test_text_with_nul_characters_and_unicode_is_stored(
    backend_storage: Storage, add_person
) -> None:
    jan = add_person("Jan")
    posts = [{"id": "1", "text": "Zoë\x00 bij de 🚢 op steiger 4 <script>alert(1)</script>"}]
    backend_storage.save_my_scan(jan, "upload", posts, [], {})
    assert backend_storage.load_my_scan(jan).posts == posts
    saved = backend_storage.save_self_check(jan, "poort\x00 3 🔑", {"risk": "low"})
    assert saved.text == "poort 3 🔑"


def test_purge_respects_the_retention_setting(backend_storage: Storage, add_person) -> None:
    now = datetime(2025, 11, 28, 12, 0, tzinfo=UTC)
    old, recent = add_person("Oud"), add_person("Recent")
    backend_storage.save_my_scan(old, "upload", *sample_scan("old", 4), now=now - timedelta(31))
    backend_storage.save_my_scan(recent, "upload", *sample_scan("new", 2), now=now - timedelta(29))

    assert backend_storage.load_my_scan(old, now=now) is None  # past retention: not shown
    assert backend_storage.load_my_scan(recent, now=now) is not None

    assert backend_storage.purge_expired(now=now) == 4
    assert backend_storage.purge_expired(now=now) == 0
    assert backend_storage.load_my_scan(old, now=now - timedelta(days=5)) is None  # really gone
    assert backend_storage.load_my_scan(recent, now=now) is not None
    entry = backend_storage.list_audit(action="expired_data_purged")[0]
    assert entry.actor_id is None and "posts=4" in entry.detail
    assert old.email not in f"{entry.target} {entry.detail}"  # the log names no one

    backend_storage.set_setting("retention_days", 7)
    assert backend_storage.purge_expired(now=now) == 2
    assert backend_storage.load_my_scan(recent, now=now) is None


def test_opening_the_storage_purges_expired_scans(storage: Storage, settings) -> None:
    jan = storage.add_user(email="jan@example.org", name="Jan", role="employee")
    long_ago = datetime.now(UTC) - timedelta(days=40)
    storage.save_my_scan(jan, "upload", *sample_scan("jan", 3), now=long_ago)
    storage.dispose()
    reopened = open_storage(settings)  # an app restart, before anyone opens My exposure
    try:
        assert reopened.load_my_scan(jan, now=long_ago) is None  # gone, not only hidden
        assert "posts=3" in reopened.list_audit(action="expired_data_purged")[0].detail
    finally:
        reopened.dispose()


def test_a_longer_retention_keeps_scans_longer(backend_storage: Storage, add_person) -> None:
    now = datetime(2025, 11, 28, 12, 0, tzinfo=UTC)
    jan = add_person("Jan")
    backend_storage.set_setting("retention_days", 60)
    backend_storage.save_my_scan(jan, "upload", *sample_scan("jan"), now=now - timedelta(45))
    assert backend_storage.purge_expired(now=now) == 0
    scan = backend_storage.load_my_scan(jan, now=now)
    assert scan is not None and scan.expires_at == now - timedelta(45) + timedelta(60)


# shared counts -------------------------------------------------------------------


def test_sharing_needs_consent_and_replaces_what_was_shared(
    backend_storage: Storage, add_person
) -> None:
    jan = add_person("Jan", department="Logistiek")
    with pytest.raises(ConsentRequired):
        backend_storage.share_counts(jan, "Logistiek", {"SITE": 2})
    assert backend_storage.my_shared_counts(jan) is None

    consent_to_share(backend_storage, jan)
    backend_storage.share_counts(jan, " Logistiek ", {"SITE": 2, "SCHEDULE": 5})
    backend_storage.share_counts(jan, "Logistiek", {"SECURITY": 1})
    mine = backend_storage.my_shared_counts(jan)
    assert (mine.department, mine.counts) == ("Logistiek", {"SECURITY": 1})
    assert mine.shared_at.tzinfo is not None


@pytest.mark.parametrize(
    "counts",
    [{"SITE": -1}, {"SITE": 1.5}, {"SITE": True}, {"": 1}, ["SITE"], {"SITE": "3"}],
)
def test_shared_counts_must_be_label_to_whole_number(
    backend_storage: Storage, add_person, counts
) -> None:
    jan = add_person("Jan")
    consent_to_share(backend_storage, jan)
    with pytest.raises(InvalidData):
        backend_storage.share_counts(jan, "Logistiek", counts)


def test_withdrawal_deletes_shared_counts_and_is_recorded(
    backend_storage: Storage, add_person
) -> None:
    jan, piet = add_person("Jan"), add_person("Piet")
    share(backend_storage, jan, "Logistiek", {"SITE": 2, "ACCESS": 1})
    share(backend_storage, piet, "Logistiek", {"SITE": 3})

    assert backend_storage.withdraw_share(jan) == 2
    assert backend_storage.my_shared_counts(jan) is None
    assert backend_storage.my_shared_counts(piet).counts == {"SITE": 3}
    latest = backend_storage.latest_consent(jan, SHARE)
    assert (latest.given, latest.text_version) == (False, CONSENT_TEXT)
    # after withdrawing, sharing again needs a new consent
    with pytest.raises(ConsentRequired):
        backend_storage.share_counts(jan, "Logistiek", {"SITE": 1})


def add_sharers(storage: Storage, add_person, department: str | None, n: int, counts) -> None:
    for i in range(n):
        share(storage, add_person(f"{department} {i}", department=department), department, counts)


def test_hr_sees_only_groups_of_the_minimum_size(backend_storage: Storage, add_person) -> None:
    hr = add_person("Hanna HR", role="hr")
    add_sharers(backend_storage, add_person, "Logistiek", 12, {"SITE": 1, "SCHEDULE": 2})
    add_sharers(backend_storage, add_person, "Productie", 10, {"GOODS": 1})
    add_sharers(backend_storage, add_person, "Beveiliging", 3, {"SECURITY": 4})

    summary = backend_storage.aggregated_shared_counts(actor=hr)
    assert summary.min_group_size == 10
    # Beveiliging (3) is hidden; Productie (10) is hidden with it, otherwise the total
    # minus the visible departments would give away what the three people shared.
    assert [(g.department, g.people) for g in summary.departments] == [("Logistiek", 12)]
    assert summary.departments[0].counts == {"SCHEDULE": 24, "SITE": 12}
    assert summary.hidden_departments == 2
    assert (summary.other.people, summary.other.counts) == (13, {"GOODS": 10, "SECURITY": 12})
    assert summary.total.people == 25
    assert summary.total.counts == {"GOODS": 10, "SCHEDULE": 24, "SECURITY": 12, "SITE": 12}
    shown = [g.department for g in summary.departments]
    assert "Beveiliging" not in shown and "Productie" not in shown
    assert backend_storage.list_audit(action="shared_counts_viewed")[0].actor_id == hr.id


def test_repeated_views_share_one_audit_entry_until_the_setting_changes(
    backend_storage: Storage, add_person
) -> None:
    hr = add_person("Hanna HR", role="hr")
    for _ in range(3):  # each click on the page reruns it
        backend_storage.aggregated_shared_counts(actor=hr)
    assert backend_storage.count_audit(action="shared_counts_viewed") == 1
    backend_storage.aggregated_shared_counts(min_group_size=20, actor=hr)
    assert backend_storage.count_audit(action="shared_counts_viewed") == 2


def test_a_group_of_exactly_the_minimum_is_shown(backend_storage: Storage, add_person) -> None:
    backend_storage.set_setting("min_group_size", 5)
    add_sharers(backend_storage, add_person, "Logistiek", 6, {"SITE": 1})
    add_sharers(backend_storage, add_person, "Productie", 5, {"GOODS": 2})
    summary = backend_storage.aggregated_shared_counts()
    assert [(g.department, g.people) for g in summary.departments] == [
        ("Logistiek", 6),
        ("Productie", 5),
    ]
    assert summary.other is None and summary.hidden_departments == 0
    assert summary.total.counts == {"GOODS": 10, "SITE": 6}


def test_too_few_sharers_show_nothing_at_all(backend_storage: Storage, add_person) -> None:
    add_sharers(backend_storage, add_person, "Logistiek", 4, {"SITE": 1})
    add_sharers(backend_storage, add_person, None, 3, {"SITE": 1})
    summary = backend_storage.aggregated_shared_counts()
    assert summary.departments == () and summary.other is None and summary.total is None
    assert summary.hidden_departments == 2


def test_a_person_counts_once_whatever_the_number_of_labels(
    backend_storage: Storage, add_person
) -> None:
    backend_storage.set_setting("min_group_size", 5)
    add_sharers(backend_storage, add_person, "Logistiek", 4, {label: 1 for label in "ABCDEFGH"})
    summary = backend_storage.aggregated_shared_counts()
    assert summary.departments == () and summary.total is None


def test_the_minimum_can_be_raised_by_a_view_but_never_lowered(
    backend_storage: Storage, add_person
) -> None:
    add_sharers(backend_storage, add_person, "Logistiek", 8, {"SITE": 1})
    assert backend_storage.aggregated_shared_counts(min_group_size=5).total is None  # setting 10
    backend_storage.set_setting("min_group_size", 5)
    assert backend_storage.aggregated_shared_counts().departments[0].people == 8
    assert backend_storage.aggregated_shared_counts(min_group_size=9).departments == ()


def test_people_without_department_are_never_shown_by_name(
    backend_storage: Storage, add_person
) -> None:
    add_sharers(backend_storage, add_person, None, 12, {"SITE": 1})
    summary = backend_storage.aggregated_shared_counts()
    assert summary.departments == ()
    assert summary.other.people == 12 and summary.total.people == 12


def test_an_employee_cannot_view_the_hr_aggregate(backend_storage: Storage, add_person) -> None:
    jan = add_person("Jan")
    with pytest.raises(PermissionDenied):
        backend_storage.aggregated_shared_counts(actor=jan)
    assert backend_storage.count_audit(action="shared_counts_viewed") == 0


# saved self-checks ---------------------------------------------------------------


def test_self_checks_are_saved_listed_and_deleted_by_their_owner_only(
    backend_storage: Storage, add_person
) -> None:
    jan, piet = add_person("Jan"), add_person("Piet")
    assert backend_storage.list_self_checks(jan) == []
    first = backend_storage.save_self_check(jan, "Nachtdienst bij poort 3", {"risk": "medium"})
    second = backend_storage.save_self_check(jan, "Mooi weer vandaag", {"risk": "none"})
    backend_storage.save_self_check(piet, "Badge kwijt", {"risk": "high"})

    assert [c.id for c in backend_storage.list_self_checks(jan)] == [second.id, first.id]
    assert backend_storage.list_self_checks(jan)[1].result == {"risk": "medium"}
    assert not backend_storage.delete_self_check(piet, first.id)  # not Piet's
    assert backend_storage.delete_self_check(jan, first.id)
    assert not backend_storage.delete_self_check(jan, first.id)
    assert [c.text for c in backend_storage.list_self_checks(jan)] == ["Mooi weer vandaag"]
    assert len(backend_storage.list_self_checks(piet)) == 1


def test_self_check_text_has_a_size_limit(backend_storage: Storage, add_person) -> None:
    jan = add_person("Jan")
    with pytest.raises(InvalidData):
        backend_storage.save_self_check(jan, "x" * 20_001, {})
    assert backend_storage.list_self_checks(jan) == []


# delete my data ------------------------------------------------------------------


def fill_everything(storage: Storage, user, department: str) -> None:
    storage.record_consent(user, "fetch_own_posts", CONSENT_TEXT, True)
    storage.save_my_scan(user, "mastodon", *sample_scan(user.name))
    share(storage, user, department, {"SITE": 2, "SCHEDULE": 1})
    storage.save_self_check(user, f"{user.name}: poort 3", {"risk": "medium"})
    storage.save_self_check(user, f"{user.name}: nachtdienst", {"risk": "low"})


def test_delete_my_data_removes_everything_of_that_user_and_nothing_else(
    backend_storage: Storage, add_person
) -> None:
    jan, piet = add_person("Jan"), add_person("Piet")
    fill_everything(backend_storage, jan, "Logistiek")
    fill_everything(backend_storage, piet, "Logistiek")
    backend_storage.save_training_progress(jan, "m1", {"position": 2})

    deleted = backend_storage.delete_my_data(jan)
    assert (deleted.posts, deleted.results, deleted.dossiers) == (3, 3, 1)
    assert (deleted.shared_counts, deleted.self_checks) == (2, 2)
    assert deleted.consent_records_kept == 3  # fetch, share, and the recorded withdrawal

    assert backend_storage.load_my_scan(jan) is None
    assert backend_storage.my_shared_counts(jan) is None
    assert backend_storage.list_self_checks(jan) == []
    assert not backend_storage.has_consent(jan, SHARE)  # sharing is off again
    assert backend_storage.has_consent(jan, "fetch_own_posts")
    assert backend_storage.load_training_progress(jan, "m1") == {"position": 2}

    assert len(backend_storage.load_my_scan(piet).posts) == 3
    assert backend_storage.my_shared_counts(piet).counts == {"SCHEDULE": 1, "SITE": 2}
    assert len(backend_storage.list_self_checks(piet)) == 2

    again = backend_storage.delete_my_data(jan)
    assert (again.posts, again.shared_counts, again.self_checks) == (0, 0, 0)
    assert again.consent_records_kept == 3  # nothing to withdraw, nothing recorded


def test_deleting_an_account_removes_its_data(backend_storage: Storage, add_person) -> None:
    jan, piet = add_person("Jan"), add_person("Piet")
    fill_everything(backend_storage, jan, "Logistiek")
    fill_everything(backend_storage, piet, "Logistiek")
    backend_storage.record_attempt(jan, "m1", 0.9, True)
    with backend_storage.engine.begin() as connection:
        connection.execute(text("DELETE FROM users WHERE id = :id"), {"id": jan.id})
        remaining = {
            table: connection.execute(text(f"SELECT user_id FROM {table}")).scalars().all()  # noqa: S608
            for table in ("consents", "my_scans", "shared_counts", "self_checks")
        }
        attempts = connection.execute(text("SELECT count(*) FROM training_attempts")).scalar()
    assert all(set(ids) == {piet.id} for ids in remaining.values())
    assert attempts == 0


# HR can never reach an individual's posts -------------------------------------------


def test_no_hr_method_returns_anything_of_an_employees_posts(
    backend_storage: Storage, add_person
) -> None:
    backend_storage.set_setting("min_group_size", 5)
    hr = add_person("Hanna HR", role="hr", department="Personeelszaken")
    for i in range(6):
        fill_everything(backend_storage, add_person(f"Medewerker {i}", department="Logistiek"), "L")
    views = [
        backend_storage.aggregated_shared_counts(actor=hr),
        backend_storage.training_overview(hr),
        backend_storage.department_scores(hr),
        backend_storage.list_audit(),
    ]
    seen = repr(views)
    for secret in ("Nachtdienst", "poort", "camera kapot", "mastodon"):
        assert secret not in seen


def test_the_storage_module_does_not_import_the_domain_packages() -> None:
    code = (
        "import sys, app.storage; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('exposure', 'training')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO_ROOT
    ).stdout
    assert out.strip() == "[]"
