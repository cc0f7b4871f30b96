"""HR sees acknowledgement rates per department, never for small groups."""

from __future__ import annotations

from exposure.conduct.acknowledgements import MemberStatus, acknowledgement_rates


def _department(
    name: str | None, size: int, acknowledged: int, version: int = 3
) -> list[MemberStatus]:
    return [
        MemberStatus(
            user_id=f"{name}-{i}",
            department=name,
            acknowledged_versions=frozenset({version})
            if i < acknowledged
            else frozenset({version - 1}),
        )
        for i in range(size)
    ]


def test_rate_per_department_counts_only_the_asked_version():
    members = _department("Operations", 20, 15) + _department("Logistics", 12, 3)
    stats = acknowledgement_rates(members, version=3)
    rates = {
        group.name: (group.members, group.acknowledged, group.rate) for group in stats.departments
    }
    assert rates == {"Operations": (20, 15, 0.75), "Logistics": (12, 3, 0.25)}
    assert (stats.total.members, stats.total.acknowledged) == (32, 18)
    assert stats.other is None and stats.hidden_departments == 0
    # Acknowledging an older version does not count for the new one.
    assert acknowledgement_rates(members, version=2).total.acknowledged == 14


def test_departments_below_the_minimum_are_hidden_not_rounded():
    members = (
        _department("Operations", 20, 10)
        + _department("Logistics", 15, 15)
        + _department("Security", 6, 6)
        + _department("IT", 5, 0)
    )
    stats = acknowledgement_rates(members, version=3, min_group_size=10)
    assert [group.name for group in stats.departments] == ["Operations", "Logistics"]
    assert stats.hidden_departments == 2
    assert (stats.other.members, stats.other.acknowledged) == (11, 6)


def test_one_small_department_cannot_be_worked_out_from_the_total():
    members = (
        _department("Operations", 30, 30)
        + _department("Logistics", 12, 12)
        + _department("IT", 4, 0)
    )
    stats = acknowledgement_rates(members, version=3, min_group_size=10)
    # Showing Operations and Logistics next to the total would reveal IT (4 people, 0 acknowledged),
    # so the smallest visible department is hidden with it.
    assert [group.name for group in stats.departments] == ["Operations"]
    assert stats.other.members == 16
    assert stats.total.members == 46


def test_minimum_group_size_never_drops_below_five():
    members = _department("Operations", 20, 20) + _department("IT", 4, 4) + _department("HR", 3, 0)
    stats = acknowledgement_rates(members, version=3, min_group_size=2)
    assert stats.min_group_size == 5
    assert "IT" not in {group.name for group in stats.departments}
    assert "HR" not in {group.name for group in stats.departments}


def test_a_company_smaller_than_the_minimum_shows_nothing():
    stats = acknowledgement_rates(_department("Operations", 4, 4), version=3)
    assert stats.departments == () and stats.other is None and stats.total is None


def test_people_without_department_and_repeats_are_counted_once():
    members = _department("Operations", 10, 10) + _department(None, 10, 5)
    members += members[:3]
    stats = acknowledgement_rates(members, version=3)
    assert [group.name for group in stats.departments] == ["Operations"]
    assert stats.other is not None and stats.other.members == 10
    assert stats.total.members == 20
