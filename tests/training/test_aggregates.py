"""HR sees scores only per department, and never for groups below the minimum size."""

from __future__ import annotations

import csv
import io

import pytest

from training.aggregates import EmployeeResult, departments_csv, summarise_departments

REQUIRED = ("m1", "m2")


def _people(department: str, count: int, score: float = 0.9, passed: bool = True):
    return [
        EmployeeResult(
            employee_id=f"{department}-{i}",
            department=department,
            module_scores={"m1": score, "m2": score},
            modules_passed=frozenset(REQUIRED if passed else ("m1",)),
        )
        for i in range(count)
    ]


def test_groups_below_the_minimum_are_hidden_not_rounded():
    results = _people("Logistiek", 10) + _people("Beveiliging", 4, score=0.5)
    summaries = {s.department: s for s in summarise_departments(results, REQUIRED)}
    hidden = summaries["Beveiliging"]
    assert hidden.hidden
    assert (hidden.employees, hidden.completion_rate, hidden.average_score) == (None, None, None)
    shown = summaries["Logistiek"]
    assert not shown.hidden and shown.employees == 10
    assert shown.average_score == pytest.approx(0.9)
    assert shown.completion_rate == 1.0


def test_completion_counts_only_people_who_passed_every_required_module():
    results = _people("Productie", 6) + _people("Productie", 6, passed=False)
    (summary,) = summarise_departments(results, REQUIRED)
    assert summary.employees == 12
    assert summary.completion_rate == pytest.approx(0.5)


def test_an_average_needs_enough_people_with_a_score():
    scored = _people("Onderhoud", 3)
    unscored = [EmployeeResult(f"o-{i}", "Onderhoud") for i in range(9)]
    (summary,) = summarise_departments(scored + unscored, REQUIRED)
    assert not summary.hidden and summary.employees == 12
    assert summary.average_score is None
    assert summary.module_averages == {"m1": None, "m2": None}


def test_minimum_group_size_is_configurable_but_never_below_five():
    results = _people("Lab", 6)
    assert not summarise_departments(results, REQUIRED, min_group_size=5)[0].hidden
    assert summarise_departments(results, REQUIRED, min_group_size=7)[0].hidden
    with pytest.raises(ValueError, match="at least 5"):
        summarise_departments(results, REQUIRED, min_group_size=4)


def test_csv_shows_hidden_groups_without_numbers_and_defuses_formulas():
    results = _people("Logistiek", 10) + _people("=HYPERLINK(1)", 3)
    text = departments_csv(
        summarise_departments(results, REQUIRED), lang="en", module_titles={"m1": "Module 1"}
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "department",
        "employees",
        "completed (%)",
        "average score (%)",
        "Module 1 (%)",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Logistiek"][1:] == ["10", "100", "90", "90"]
    hidden = by_name["'=HYPERLINK(1)"]
    assert "hidden" in hidden[1] and hidden[2:] == ["", "", ""]


def test_csv_in_dutch():
    text = departments_csv(summarise_departments(_people("Lab", 3), REQUIRED), lang="nl")
    assert text.splitlines()[0].startswith("afdeling,medewerkers")
    assert "verborgen (minder dan 10 medewerkers)" in text
