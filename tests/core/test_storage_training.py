"""Training data on SQLite and PostgreSQL: progress, attempts, certificates and HR's views."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import TypeAdapter

from app.storage import (
    DuplicateCertificateCode,
    InvalidData,
    PermissionDenied,
    Storage,
)
from training.progress import Attempt, ModuleProgress

T0 = datetime(2025, 11, 3, 9, 0, tzinfo=UTC)
MODULE_PROGRESS = TypeAdapter(ModuleProgress)


def test_progress_round_trips_as_the_training_domain_writes_it(
    backend_storage: Storage, add_person
) -> None:
    jan = add_person("Jan")
    progress = ModuleProgress(
        "posting-safely",
        [
            Attempt(
                number=1,
                lang="nl",
                started_at=T0,
                position=4,
                answers={"q1": {"choices": [2]}, "leak": {"spans": [[0, 11]]}},
                scores={"q1": 1.0, "leak": 0.5},
            )
        ],
    )
    assert backend_storage.load_training_progress(jan, "posting-safely") is None
    backend_storage.save_training_progress(
        jan, "posting-safely", MODULE_PROGRESS.dump_python(progress, mode="json")
    )

    loaded = backend_storage.load_training_progress(jan, "posting-safely")
    assert MODULE_PROGRESS.validate_python(loaded) == progress  # resume exactly where left

    progress.attempts[0].position = 6
    backend_storage.save_training_progress(
        jan, "posting-safely", MODULE_PROGRESS.dump_python(progress, mode="json")
    )
    backend_storage.save_training_progress(jan, "what-is-ondermijning", {"attempts": []})
    assert (
        backend_storage.load_training_progress(jan, "posting-safely")["attempts"][0]["position"]
        == 6
    )
    assert set(backend_storage.load_all_training_progress(jan)) == {
        "posting-safely",
        "what-is-ondermijning",
    }


def test_progress_is_per_learner(backend_storage: Storage, add_person) -> None:
    jan, piet = add_person("Jan"), add_person("Piet")
    backend_storage.save_training_progress(jan, "m1", {"position": 3})
    assert backend_storage.load_training_progress(piet, "m1") is None
    assert backend_storage.load_all_training_progress(piet) == {}


def test_attempts_are_listed_oldest_first_for_the_learner_only(
    backend_storage: Storage, add_person
) -> None:
    jan, piet = add_person("Jan"), add_person("Piet")
    backend_storage.record_attempt(jan, "m1", 0.6, False, T0)
    backend_storage.record_attempt(jan, "m2", 1.0, True, T0 + timedelta(hours=2))
    backend_storage.record_attempt(jan, "m1", 0.85, True, T0 + timedelta(hours=1))
    backend_storage.record_attempt(piet, "m1", 0.4, False, T0)

    attempts = backend_storage.list_attempts(jan)
    assert [(a.module_id, a.score, a.passed) for a in attempts] == [
        ("m1", 0.6, False),
        ("m1", 0.85, True),
        ("m2", 1.0, True),
    ]
    assert attempts[1].at == T0 + timedelta(hours=1)
    assert [a.score for a in backend_storage.list_attempts(jan, "m1")] == [0.6, 0.85]
    assert [a.score for a in backend_storage.list_attempts(piet)] == [0.4]


@pytest.mark.parametrize("score", [-0.1, 1.5, 85, float("nan"), "0.8", True])
def test_scores_are_fractions(backend_storage: Storage, add_person, score) -> None:
    jan = add_person("Jan")
    with pytest.raises(InvalidData):
        backend_storage.record_attempt(jan, "m1", score, False)
    assert backend_storage.list_attempts(jan) == []


def test_certificates_are_issued_looked_up_by_code_and_audited(
    backend_storage: Storage, add_person
) -> None:
    jan = add_person("Jan de Vries")
    admin = add_person("Anne Beheer", role="admin")
    assert backend_storage.latest_certificate(jan) is None
    first = backend_storage.issue_certificate(
        jan, "HK7C-9TQM-4RWX", ["Module 1", "Module 2"], date(2024, 11, 1), date(2025, 11, 1)
    )
    second = backend_storage.issue_certificate(
        jan, "ac3d-efgh-jkmn", ["Module 1", "Module 2"], date(2025, 11, 2), date(2026, 11, 2)
    )
    assert second.code == "AC3D-EFGH-JKMN"
    assert (second.holder_name, second.modules) == ("Jan de Vries", ("Module 1", "Module 2"))
    assert backend_storage.latest_certificate(jan) == second

    found = backend_storage.find_certificate(admin, " hk7c-9tqm-4rwx ")
    assert found == first and found.expires_at == date(2025, 11, 1)
    assert backend_storage.find_certificate(admin, "XXXX-XXXX-XXXX") is None
    entries = backend_storage.list_audit(action="certificate_looked_up")
    assert [(e.actor_id, e.target) for e in entries] == [
        (admin.id, "XXXX-XXXX-XXXX"),
        (admin.id, "HK7C-9TQM-4RWX"),
    ]
    assert entries[0].detail == "not found"


def test_certificate_codes_are_unique_and_dates_checked(
    backend_storage: Storage, add_person
) -> None:
    jan, piet = add_person("Jan"), add_person("Piet")
    backend_storage.issue_certificate(
        jan, "HK7C-9TQM-4RWX", ["M1"], date(2025, 1, 1), date(2026, 1, 1)
    )
    with pytest.raises(DuplicateCertificateCode):
        backend_storage.issue_certificate(
            piet, "hk7c-9tqm-4rwx", ["M1"], date(2025, 1, 1), date(2026, 1, 1)
        )
    with pytest.raises(InvalidData):
        backend_storage.issue_certificate(piet, "AAAA", ["M1"], date(2025, 1, 1), date(2025, 1, 1))
    with pytest.raises(InvalidData):
        backend_storage.issue_certificate(piet, "AAAA", [], date(2025, 1, 1), date(2026, 1, 1))
    assert backend_storage.latest_certificate(piet) is None


def test_only_hr_and_admin_look_up_certificates(backend_storage: Storage, add_person) -> None:
    jan = add_person("Jan")
    backend_storage.issue_certificate(
        jan, "HK7C-9TQM-4RWX", ["M1"], date(2025, 1, 1), date(2026, 1, 1)
    )
    with pytest.raises(PermissionDenied):
        backend_storage.find_certificate(jan, "HK7C-9TQM-4RWX")
    hr = add_person("Hanna", role="hr")
    backend_storage.update_user(hr.id, active=False)
    with pytest.raises(PermissionDenied):
        backend_storage.find_certificate(hr, "HK7C-9TQM-4RWX")  # deactivated since sign-in


def test_training_overview_shows_completion_and_expiry_but_no_scores(
    backend_storage: Storage, add_person
) -> None:
    hr = add_person("Hanna HR", role="hr", department="Personeelszaken")
    anton = add_person("Anton", department="Logistiek")
    bea = add_person("Bea", department="Productie")
    gone = add_person("Gerrit", department="Logistiek")
    backend_storage.update_user(gone.id, active=False)
    backend_storage.record_attempt(anton, "m1", 0.5, False, T0)
    backend_storage.record_attempt(anton, "m1", 0.9, True, T0 + timedelta(days=1))
    backend_storage.record_attempt(anton, "m2", 0.8, True, T0 + timedelta(days=2))
    backend_storage.record_attempt(bea, "m1", 0.3, False, T0)
    backend_storage.issue_certificate(
        anton, "AAAA-1", ["m1", "m2"], date(2024, 1, 5), date(2025, 1, 5)
    )
    backend_storage.issue_certificate(
        anton, "AAAA-2", ["m1", "m2"], date(2025, 1, 4), date(2026, 1, 4)
    )

    overview = backend_storage.training_overview(hr)
    assert [s.name for s in overview] == ["Anton", "Bea", "Hanna HR"]  # active accounts only
    anton_status, bea_status, _ = overview
    assert anton_status.modules_passed == ("m1", "m2")
    assert anton_status.last_passed_at == T0 + timedelta(days=2)
    assert anton_status.certificate_expires_at == date(2026, 1, 4)
    assert bea_status.modules_passed == () and bea_status.certificate_expires_at is None
    assert bea_status.last_passed_at is None
    assert "0.3" not in repr(overview) and "score" not in repr(overview)
    assert backend_storage.list_audit(action="training_overview_viewed")[0].actor_id == hr.id

    with pytest.raises(PermissionDenied):
        backend_storage.training_overview(anton)


def add_department(storage: Storage, add_person, name: str, scores: list[float | None]) -> None:
    for i, score in enumerate(scores):
        person = add_person(f"{name} {i}", department=name)
        if score is not None:
            storage.record_attempt(person, "m1", score / 2, False, T0)  # the best one counts
            storage.record_attempt(person, "m1", score, score >= 0.8, T0 + timedelta(hours=1))


def test_department_scores_hide_small_groups(backend_storage: Storage, add_person) -> None:
    hr = add_person("Hanna HR", role="hr", department="Personeelszaken")
    add_department(backend_storage, add_person, "Logistiek", [0.8] * 6 + [0.6] * 4)
    add_department(backend_storage, add_person, "Beveiliging", [1.0, 0.2, 0.5])

    summaries = {s.department: s for s in backend_storage.department_scores(hr)}
    logistics, security = summaries["Logistiek"], summaries["Beveiliging"]
    assert not logistics.hidden and (logistics.employees, logistics.scored) == (10, 10)
    assert logistics.average_score == pytest.approx(0.72)
    assert logistics.module_averages == {"m1": pytest.approx(0.72)}
    assert security.hidden
    assert (security.employees, security.average_score, security.module_averages) == (
        None,
        None,
        {},
    )
    assert summaries["Personeelszaken"].hidden  # one person
    entry = backend_storage.list_audit(action="training_scores_viewed")[0]
    assert entry.actor_id == hr.id and entry.detail == "min_group_size=10"


def test_an_average_needs_the_minimum_number_of_people_with_a_score(
    backend_storage: Storage, add_person
) -> None:
    hr = add_person("Hanna HR", role="hr")
    add_department(backend_storage, add_person, "Logistiek", [0.9, 0.7] + [None] * 10)
    (logistics,) = [s for s in backend_storage.department_scores(hr) if s.department]
    assert not logistics.hidden and (logistics.employees, logistics.scored) == (12, 2)
    assert logistics.average_score is None
    assert logistics.module_averages == {"m1": None}


def test_department_scores_respect_the_configured_minimum(
    backend_storage: Storage, add_person
) -> None:
    hr = add_person("Hanna HR", role="hr")
    add_department(backend_storage, add_person, "Logistiek", [0.5] * 6)
    assert _logistics(backend_storage.department_scores(hr, min_group_size=5)).hidden
    backend_storage.set_setting("min_group_size", 5)
    assert _logistics(backend_storage.department_scores(hr)).average_score == 0.5
    assert _logistics(backend_storage.department_scores(hr, min_group_size=7)).hidden
    with pytest.raises(PermissionDenied):  # an account that no longer exists
        backend_storage.department_scores(replace(hr, id=424242))


def _logistics(summaries):
    return next(s for s in summaries if s.department == "Logistiek")
