"""The HR scan page: the sample set or HR's own file, counted, charted, and never personal."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.i18n import t
from app.storage import Storage
from exposure.profile import sample_profile
from exposure.scanner import Scanner
from exposure.sources import load_personas, load_sample_posts

from .conftest import EMPLOYEE_PASSWORD

PAGE = Path(__file__).resolve().parents[2] / "app" / "ui" / "pages" / "hr_scan.py"
HR_EMAIL = "hr@noordchem.example"


def nl(key: str, **params: object) -> str:
    return t(key, "nl", **params)


def share(storage: Storage, people: int, department: str, counts: dict[str, int]) -> None:
    """`people` employees of `department` who chose to share these counts with HR."""
    for number in range(people):
        user = storage.add_user(
            email=f"{department.lower()}{number}@noordchem.example",
            name=f"Medewerker {department} {number}",
            role="employee",
            department=department,
        )
        storage.record_consent(user, "share_counts_with_hr", "v1", True)
        storage.share_counts(user, department, counts)


@pytest.fixture
def hr_session(new_session, make_user):
    make_user(HR_EMAIL, "hr", name="Hanna Personeel")
    return new_session().sign_in(HR_EMAIL, EMPLOYEE_PASSWORD)


def tables_with(session, *columns: str) -> list:
    """The tables shown that have all these columns."""
    frames = [frame.value for frame in session.at.main.dataframe]
    return [frame for frame in frames if set(columns) <= set(frame.columns)]


def table_with(session, *columns: str):
    found = tables_with(session, *columns)
    assert len(found) == 1, [list(frame.columns) for frame in session.at.main.dataframe]
    return found[0]


def all_shown_text(session) -> str:
    frames = [frame.value.to_string() for frame in session.at.main.dataframe]
    return "\n".join(session.texts() + frames)


def test_an_employee_cannot_open_the_hr_scan(new_session, make_user):
    employee = make_user("piet@noordchem.example", "employee")
    session = new_session().sign_in(employee.email, EMPLOYEE_PASSWORD)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        session.open("hr_scan.py")

    direct = AppTest.from_file(str(PAGE), default_timeout=60)
    direct.session_state["session.user_id"] = employee.id
    direct.run()
    assert [e.value for e in direct.error] == [nl("app.not_allowed")]
    assert not direct.button and not direct.dataframe


def test_scanning_the_sample_set_shows_counts_per_risk_and_label(hr_session):
    session = hr_session.open("hr_scan.py")
    assert session.title() == nl("hr.scan.title")
    session.click(nl("hr.scan.run"))

    posts = load_sample_posts()
    expected = Scanner(sample_profile(), "nl").scan_posts(posts)
    metrics = {metric.label: metric.value for metric in session.at.metric}
    assert metrics[nl("hr.scan.metric.posts")] == str(len(posts))
    assert metrics[nl("hr.scan.metric.high")] == str(sum(r.risk == "high" for r in expected))

    risks = table_with(session, nl("hr.chart.risk"), nl("hr.scan.column.posts"))
    shown = dict(zip(risks[nl("hr.chart.risk")], risks[nl("hr.scan.column.posts")], strict=True))
    by_risk = Counter(result.risk for result in expected)
    assert shown == {nl(f"hr.risk.{level}"): by_risk[level] for level in by_risk}

    labels = table_with(session, nl("hr.chart.label"), nl("hr.scan.column.findings"))
    sites = labels[labels[nl("hr.chart.label")].str.endswith("(SITE)")]
    assert int(sites[nl("hr.scan.column.posts")].iloc[0]) == sum(
        any(f.label == "SITE" for f in r.findings) for r in expected
    )
    assert len(session.at.get("vega_lite_chart")) >= 2  # the Altair charts
    assert not table_with(session, nl("hr.scan.column.phrase")).empty


def test_the_scan_shows_no_author_and_masks_names(hr_session):
    session = hr_session.open("hr_scan.py")
    session.click(nl("hr.scan.run"))
    shown = all_shown_text(session)
    for persona in load_personas():
        assert persona.display_name not in shown
    for post in load_sample_posts()[:50]:
        assert post.id not in shown


def test_an_uploaded_file_is_scanned_with_the_profile_saved_a_moment_ago(hr_session, app_storage):
    hr = app_storage.get_user_by_email(HR_EMAIL)
    app_storage.save_profile(hr, {"company_names": ["Zuidzout"], "site_names": ["Weiwerd"]})
    session = hr_session.open("hr_scan.py")
    session.at.radio(key="hr_scan.source").set_value("upload")
    session.run()
    csv = "id,text\n1,Vannacht weer alleen bij Zuidzout op Weiwerd\n2,Mooi weer vandaag\n"
    session.at.file_uploader(key="hr_scan.file").set_value(("posts.csv", csv.encode(), "text/csv"))
    session.run()
    assert session.at.button(key="hr_scan.run").disabled  # not before HR confirms the origin
    session.at.checkbox(key="hr_scan.permission").check()
    session.run()
    session.click(nl("hr.scan.run"))

    metrics = {metric.label: metric.value for metric in session.at.metric}
    assert metrics[nl("hr.scan.metric.posts")] == "2"
    phrases = table_with(session, nl("hr.scan.column.phrase"))[nl("hr.scan.column.phrase")].tolist()
    assert "Zuidzout" in phrases and "Weiwerd" in phrases
    assert session.shows(nl("hr.scan.profile_version", version=1))


def test_a_file_that_cannot_be_read_gets_a_message_not_a_traceback(hr_session):
    session = hr_session.open("hr_scan.py")
    session.at.radio(key="hr_scan.source").set_value("upload")
    session.run()
    upload = ("kapot.json", b'{"posts": [', "application/json")
    session.at.file_uploader(key="hr_scan.file").set_value(upload)
    session.at.checkbox(key="hr_scan.permission").check()
    session.run()
    session.click(nl("hr.scan.run"))
    assert session.at.error and session.shows("kapot.json")
    assert not session.at.metric


def test_shared_counts_of_fewer_people_than_the_minimum_stay_hidden(hr_session, app_storage):
    # The strictest setting the product allows: groups of 5.
    app_storage.set_setting("min_group_size", 5)
    hr = app_storage.get_user_by_email(HR_EMAIL)
    app_storage.save_profile(hr, {"company_names": ["Noordchem"], "min_group_size": 5})
    share(app_storage, 4, "Logistiek", {"SCHEDULE": 7, "SITE": 3})

    session = hr_session.open("hr_scan.py")
    assert session.shows(nl("hr.shared.too_few", min=5))
    assert not session.shows(nl("hr.shared.people", people=4))
    assert not tables_with(session, nl("hr.shared.people_column"))

    share(app_storage, 1, "Productie", {"SCHEDULE": 1})
    session.run()
    assert session.shows(nl("hr.shared.people", people=5))
    groups = table_with(session, nl("hr.shared.people_column"))
    # Neither department reaches 5 on its own, so only their combination is shown.
    assert groups[nl("common.department")].tolist() == [nl("hr.shared.other")]
    assert groups["SCHEDULE"].tolist() == [4 * 7 + 1]
    assert app_storage.list_audit(action="shared_counts_viewed")[0].actor_email == HR_EMAIL
