"""Each role's menu holds only its own pages, and no other page can be opened."""

from __future__ import annotations

import re

import pytest

from app import accounts
from app.i18n import t
from app.ui.navigation import PAGES

from .conftest import ADMIN_EMAIL, ADMIN_PASSWORD, EMPLOYEE_PASSWORD

EMPLOYEE_PAGES = {
    "self-check",
    "my-exposure",
    "training",
    "conduct-rules-acknowledge",
    "privacy",
    "account",
}
HR_PAGES = EMPLOYEE_PAGES | {"hr-overview", "conduct-rules", "company-profile", "hr-scan"}
ADMIN_PAGES = HR_PAGES | {
    "admin-users",
    "admin-import",
    "admin-settings",
    "audit-log",
    "admin-certificates",
}


def test_every_registered_page_belongs_to_a_known_role_set():
    assert {spec.url_path for spec in PAGES} == ADMIN_PAGES


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("employee", EMPLOYEE_PAGES), ("hr", HR_PAGES), ("admin", ADMIN_PAGES)],
)
def test_a_role_opens_its_own_pages_and_no_other(new_session, make_user, role, allowed):
    user = make_user(f"{role}@noordchem.example", role)
    session = new_session().sign_in(user.email, EMPLOYEE_PASSWORD)
    for spec in PAGES:
        if spec.url_path in allowed:
            session.open(spec.script)
            assert session.title(), spec.url_path
            assert not session.shows(t("app.not_allowed", "nl"))
        else:
            # Not registered for this role, so there is nothing to switch to.
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                session.open(spec.script)


def test_a_role_taken_away_closes_the_page_at_the_next_click(
    new_session, app_storage, admin, make_user
):
    second_admin = make_user("tweede@noordchem.example", "admin", name="Tweede Beheerder")
    session = new_session().sign_in(second_admin.email, EMPLOYEE_PASSWORD)
    session.open("admin_users.py")
    assert session.title() == t("admin_users.title", "nl")

    accounts.set_role(app_storage, admin, second_admin.id, "employee")
    session.run()  # the same browser asks for the same admin page again
    assert session.title() == t("later.self_check.title", "nl")
    assert not session.shows(second_admin.email)
    with pytest.raises(ValueError):
        session.open("admin_users.py")


def test_a_deactivated_account_is_signed_out_at_the_next_click(
    new_session, app_storage, admin, make_user
):
    user = make_user("piet@noordchem.example", "employee")
    session = new_session().sign_in(user.email, EMPLOYEE_PASSWORD)
    accounts.set_active(app_storage, admin, user.id, False)
    session.run()
    assert session.title() == t("signin.title", "nl")
    assert not session.texts(sidebar=True)


def test_user_text_is_shown_as_typed_not_as_markup(new_session, make_user):
    name = "**Piet** <b>vet</b> :red[rood] [link](https://evil.example)"
    user = make_user("piet@noordchem.example", "employee", name=name)
    session = new_session().sign_in(user.email, EMPLOYEE_PASSWORD)
    sidebar_sources = [m.value for m in session.at.sidebar.markdown]
    assert any(r"\*\*Piet\*\* \<b\>vet\</b\>" in src.replace(r"\/", "/") for src in sidebar_sources)
    assert session.shows(name, sidebar=True)
    session.open("my_account.py")
    assert session.shows(name)


def test_placeholder_pages_promise_only_what_is_to_come(new_session, admin):
    session = new_session().sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)
    for spec in PAGES:
        found = re.search(r'placeholder\("(\w+)"', spec.path.read_text(encoding="utf-8"))
        if not found:
            continue
        session.open(spec.script)
        assert session.shows(t(f"later.{found.group(1)}.body", "nl"))
        assert session.shows(t("later.not_yet", "nl"))
        # No pretend widgets, charts or tables on a page that does not work yet.
        for kind in ("button", "text_input", "text_area", "dataframe", "file_uploader"):
            assert not getattr(session.at.main, kind), (spec.url_path, kind)
