"""The company profile page: HR edits, validates and versions the profile the scanner uses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from app.i18n import t
from app.ui.hr_profile import CONTACT_FIELDS, TERM_FIELDS
from exposure.profile import CompanyProfile

from .conftest import EMPLOYEE_PASSWORD

PAGE = Path(__file__).resolve().parents[2] / "app" / "ui" / "pages" / "company_profile.py"
HR_EMAIL = "hr@noordchem.example"


def nl(key: str, **params: object) -> str:
    return t(key, "nl", **params)


@pytest.fixture
def hr_on_profile(new_session, make_user):
    make_user(HR_EMAIL, "hr", name="Hanna Personeel")
    return new_session().sign_in(HR_EMAIL, EMPLOYEE_PASSWORD).open("company_profile.py")


def fill_area(session, field: str, value: str) -> None:
    session.at.text_area(key=f"hr_profile.{field}").input(value)


def clear_contact(session, row: int) -> None:
    for name in CONTACT_FIELDS:
        session.fill(f"hr_profile.contact.{row}.{name}", "")


def save(session):
    return session.click(nl("hr.profile.save"))


def test_an_employee_cannot_open_the_profile(new_session, make_user):
    employee = make_user("piet@noordchem.example", "employee")
    session = new_session().sign_in(employee.email, EMPLOYEE_PASSWORD)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        session.open("company_profile.py")

    # Even when the page script runs, it stops before showing anything of the profile.
    direct = AppTest.from_file(str(PAGE), default_timeout=60)
    direct.session_state["session.user_id"] = employee.id
    direct.run()
    assert [e.value for e in direct.error] == [nl("app.not_allowed")]
    assert not direct.text_area and not direct.button


def test_hr_sees_the_sample_profile_until_a_version_is_saved(hr_on_profile, app_storage):
    session = hr_on_profile
    assert session.title() == nl("hr.profile.title")
    assert session.shows(nl("hr.profile.using_sample"))
    assert "Noordchem" in session.at.text_area(key="hr_profile.company_names").value
    assert app_storage.current_profile() is None


def test_saving_creates_a_validated_version_that_is_audited(hr_on_profile, app_storage):
    session = hr_on_profile
    fill_area(session, "company_names", "Zuidzout\nZuidzout B.V.\n\nZuidzout")
    fill_area(session, "site_names", "Weiwerd")
    session.fill("hr_profile.contact.0.role", "Security manager")
    session.fill("hr_profile.contact.0.name", "Sara de Wit")
    session.fill("hr_profile.contact.0.phone", "")
    clear_contact(session, 1)
    clear_contact(session, 2)
    session.at.number_input(key="hr_profile.min_group_size").set_value(12)
    save(session)

    assert session.shows(nl("hr.profile.saved", version=1))
    stored = app_storage.current_profile()
    assert stored.version == 1 and stored.saved_by == HR_EMAIL
    profile = CompanyProfile.model_validate(stored.document)
    assert profile.company_names == ["Zuidzout", "Zuidzout B.V."]  # blank and repeat dropped
    assert profile.site_names == ["Weiwerd"]
    assert [(c.role, c.name, c.phone) for c in profile.reporting_contacts] == [
        ("Security manager", "Sara de Wit", None)
    ]
    assert profile.min_group_size == 12
    assert app_storage.list_audit(action="profile_saved")[0].actor_email == HR_EMAIL

    # The form now shows the saved version, and a second save makes version 2.
    assert session.at.text_area(key="hr_profile.company_names").value == "Zuidzout\nZuidzout B.V."
    version_line = nl("hr.profile.current_version", version=1, saved_at="@", saved_by="@")
    assert session.shows(version_line.split("@")[0])
    fill_area(session, "systems", "Maximo")
    save(session)
    assert [v.version for v in app_storage.list_profile_versions()] == [2, 1]
    assert CompanyProfile.model_validate(app_storage.current_profile().document).systems == [
        "Maximo"
    ]


def test_an_invalid_profile_is_not_saved_and_each_problem_is_named(hr_on_profile, app_storage):
    session = hr_on_profile
    fill_area(session, "partners", "Delta Polymers\n" + "x" * 130)
    session.fill("hr_profile.contact.3.role", "Vertrouwenspersoon")  # a row without a name
    save(session)

    assert session.shows(nl("hr.profile.not_saved"))
    assert session.shows(
        nl(
            "hr.profile.problem.term_too_long",
            field=nl("hr.profile.field.partners"),
            line=2,
            max=120,
        )
    )
    assert session.shows(
        nl(
            "hr.profile.problem.contact_missing",
            field=nl("hr.profile.field.reporting_contacts"),
            row=4,
        )
    )
    assert app_storage.current_profile() is None


def test_an_older_version_can_be_restored_as_a_new_version(hr_on_profile, app_storage, admin):
    first = app_storage.save_profile(admin, {"company_names": ["Eerste BV"]})
    app_storage.save_profile(admin, {"company_names": ["Tweede BV"]})
    session = hr_on_profile.run()
    session.at.selectbox(key="hr_profile_versions.chosen").set_value(first)
    session.run()
    assert any("Eerste BV" in code.value for code in session.at.code)
    session.click(nl("hr.profile.restore", version=first))

    current = app_storage.current_profile()
    assert current.version == 3 and current.document["company_names"] == ["Eerste BV"]
    assert session.at.text_area(key="hr_profile.company_names").value == "Eerste BV"


def test_a_yaml_file_is_checked_before_it_becomes_a_version(hr_on_profile, app_storage):
    session = hr_on_profile
    uploader = session.at.file_uploader(key="hr_profile_file.upload")
    uploader.set_value(
        ("profiel.yaml", b"company_names: [Zuidzout]\nmin_group_size: 3\n", "text/yaml")
    )
    session.run()
    session.click(nl("hr.profile.upload_save"))
    assert session.at.error and session.shows("min_group_size")
    assert app_storage.current_profile() is None

    good = {"company_names": ["Zuidzout"], "substances": ["pekel"], "min_group_size": 15}
    uploader = session.at.file_uploader(key="hr_profile_file.upload")
    uploader.set_value(("profiel.yaml", yaml.safe_dump(good).encode(), "text/yaml"))
    session.run()
    session.click(nl("hr.profile.upload_save"))
    current = app_storage.current_profile()
    assert current.version == 1
    assert CompanyProfile.model_validate(current.document).substances == ["pekel"]


def test_every_profile_field_has_a_labelled_input(hr_on_profile):
    session = hr_on_profile
    labels = {area.label for area in session.at.text_area}
    assert {nl(f"hr.profile.field.{name}") for name in TERM_FIELDS} <= labels
    first_row = {box.label for box in session.at.text_input if box.key.endswith(".0." + "role")}
    assert first_row == {nl("hr.profile.contact.role")}
    assert len(
        [b for b in session.at.text_input if b.key.startswith("hr_profile.contact.0.")]
    ) == len(CONTACT_FIELDS)
