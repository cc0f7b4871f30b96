"""The HR overview: completion per employee, scores and shared counts only per large group."""

from __future__ import annotations

import csv
import io

import pytest

from app.i18n import t
from app.ui import training_hr
from training import departments_csv, load_modules

from .conftest import EMPLOYEE_PASSWORD

MODULE = "ondermijning"


@pytest.fixture
def estate(app_storage, admin, make_user):
    """An HR officer, ten people in Productie and two in Logistiek, with module 1 scores."""
    hr = make_user("hr@noordchem.example", "hr", name="Hanna HR")  # department Productie
    production = app_storage.add_users(
        [
            {"email": f"p{i}@noordchem.example", "name": f"Productie {i}", "role": "employee",
             "department": "Productie"}
            for i in range(9)
        ],
        actor=admin,
    )  # fmt: skip
    logistics = app_storage.add_users(
        [
            {"email": f"l{i}@noordchem.example", "name": f"Logistiek {i}", "role": "employee",
             "department": "Logistiek"}
            for i in range(2)
        ],
        actor=admin,
    )  # fmt: skip
    for person in production + [hr]:
        app_storage.record_attempt(person, MODULE, 0.9, True)
    for person in logistics:
        app_storage.record_attempt(person, MODULE, 0.37, False)
    return hr, production, logistics


def hr_on_overview(new_session, hr):
    return new_session().sign_in(hr.email, EMPLOYEE_PASSWORD).open("hr_overview.py")


def table(session, index):
    return session.at.main.dataframe[index].value


def test_completion_per_employee_without_scores(new_session, estate):
    hr, production, logistics = estate
    session = hr_on_overview(new_session, hr)
    employees = table(session, 0)
    names = list(employees[t("hr_overview.col.name", "nl")])
    assert "Logistiek 0" in names and "Productie 3" in names and "Hanna HR" in names
    row = employees[employees[t("hr_overview.col.name", "nl")] == "Logistiek 0"].iloc[0]
    assert row[t("hr_overview.col.modules_passed", "nl")] == "0 / 6"
    assert row[t("hr_overview.col.certificate", "nl")] == t("hr_overview.certificate.none", "nl")
    assert "37" not in employees.to_string()  # no individual score, anywhere
    assert "90" not in employees.to_string()


def test_department_scores_hide_groups_below_the_minimum(new_session, app_storage, estate):
    hr, production, logistics = estate
    session = hr_on_overview(new_session, hr)
    departments = table(session, 1)
    by_name = {row[t("hr_overview.col.department", "nl")]: row for _, row in departments.iterrows()}
    employees_col = t("hr_overview.col.employees", "nl")
    average_col = t("hr_overview.col.average", "nl")
    assert by_name["Productie"][employees_col] == "10"
    assert by_name["Productie"][average_col] == "90%"
    assert by_name["Logistiek"][employees_col] == t("hr_overview.hidden", "nl", n=10)
    assert "37" not in departments.to_string()

    assert app_storage.list_audit(action="training_scores_viewed")[0].actor_email == hr.email
    assert app_storage.list_audit(action="training_overview_viewed")


def test_department_csv_export_keeps_small_groups_hidden(new_session, app_storage, estate):
    hr, _, _ = estate
    session = hr_on_overview(new_session, hr)
    buttons = {b.key for b in session.at.download_button}
    assert {"hr_overview.departments_csv", "hr_overview.employees_csv"} <= buttons

    modules = load_modules()
    summaries = training_hr.department_summaries(
        app_storage.department_scores(hr), app_storage.training_overview(hr), modules
    )
    text = departments_csv(summaries, "nl", 10, training_hr.module_titles(modules, "nl"))
    rows = {row[0]: row for row in csv.reader(io.StringIO(text))}
    assert rows["Logistiek"][1] == "verborgen (minder dan 10 medewerkers)"
    assert not any("37" in cell for cell in rows["Logistiek"])
    # Nobody passed all six modules yet; only module 1 was taken by enough people.
    assert rows["Productie"][1:6] == ["10", "0", "90", "90", "te weinig deelnemers"]


def test_shared_counts_only_over_groups_of_the_minimum_size(new_session, app_storage, estate):
    hr, production, logistics = estate
    for person in logistics:
        app_storage.record_consent(person, "share_counts_with_hr", "v1", True)
        app_storage.share_counts(person, "Logistiek", {"SCHEDULE": 7})
    session = hr_on_overview(new_session, hr)
    assert session.shows(t("hr_overview.shared.too_few", "nl", n=10))
    assert len(session.at.main.dataframe) == 2  # employees and departments, no shared counts

    for person in production + [hr]:
        app_storage.record_consent(person, "share_counts_with_hr", "v1", True)
        app_storage.share_counts(person, "Productie", {"SCHEDULE": 1, "SITE": 2})
    session.run()
    shared = table(session, 2)
    groups = list(shared[t("hr_overview.shared.group", "nl")])
    assert "Logistiek" not in groups
    assert t("hr_overview.shared.everyone", "nl") in groups
    everyone = shared[shared[t("hr_overview.shared.group", "nl")] == groups[-1]].iloc[0]
    assert everyone[t("hr_overview.shared.people", "nl")] == 12
    assert everyone[t("training.label.SCHEDULE", "nl")] == 2 * 7 + 10 * 1
    assert app_storage.list_audit(action="shared_counts_viewed")


def test_an_employee_cannot_open_the_hr_overview(new_session, make_user):
    employee = make_user("piet@noordchem.example", "employee")
    session = new_session().sign_in(employee.email, EMPLOYEE_PASSWORD)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        session.open("hr_overview.py")
