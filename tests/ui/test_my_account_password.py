"""My account: changing one's own password."""

from __future__ import annotations

from app.i18n import t

from .conftest import EMPLOYEE_PASSWORD

NEW_PASSWORD = "een heel andere lange wachtzin"


def fill_password_form(session, old, new, repeat):
    session.fill("account.old", old).fill("account.new", new).fill("account.repeat", repeat)
    return session.click(t("password.submit", "nl"))


def test_own_password_change_needs_matching_repeat_and_the_current_password(
    new_session, make_user, app_storage
):
    user = make_user("piet@noordchem.example", "employee")
    session = new_session().sign_in(user.email, EMPLOYEE_PASSWORD).open("my_account.py")
    fill_password_form(session, EMPLOYEE_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x")
    assert session.shows(t("common.passwords_differ", "nl"))
    fill_password_form(session, "not my password at all", NEW_PASSWORD, NEW_PASSWORD)
    assert not session.shows(t("password.changed", "nl"))
    assert session.at.error  # the refusal is shown, not a traceback
    # Nothing changed so far: the old password still signs in.
    assert new_session().sign_in(user.email, EMPLOYEE_PASSWORD).title() != t("signin.title", "nl")


def test_own_password_change_takes_effect(new_session, make_user):
    user = make_user("piet@noordchem.example", "employee")
    session = new_session().sign_in(user.email, EMPLOYEE_PASSWORD).open("my_account.py")
    fill_password_form(session, EMPLOYEE_PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    assert session.shows(t("password.changed", "nl"))
    assert new_session().sign_in(user.email, NEW_PASSWORD).title() != t("signin.title", "nl")
    assert new_session().sign_in(user.email, EMPLOYEE_PASSWORD).title() == t("signin.title", "nl")
