"""First run, sign-in, lock-out, forced password change, sign-out and single sign-on."""

from __future__ import annotations

import pytest

from app import accounts
from app.i18n import t
from app.ui.navigation import PAGES

from .conftest import ADMIN_EMAIL, ADMIN_PASSWORD, EMPLOYEE_PASSWORD

SSO_SECRETS = {
    "auth": {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": "a-test-cookie-secret-that-is-long-enough",
        "client_id": "exposure-test",
        "client_secret": "not-a-real-secret",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    }
}


def create_admin_on_first_run(session, password=ADMIN_PASSWORD, repeat=ADMIN_PASSWORD):
    session.fill("first_run.name", "Anne Beheer").fill("first_run.email", ADMIN_EMAIL)
    session.fill("first_run.password", password).fill("first_run.repeat", repeat)
    return session.click(t("firstrun.submit", "nl"))


def test_empty_database_shows_only_the_first_run_screen(new_session, app_storage):
    session = new_session()
    assert session.title() == t("firstrun.title", "nl")
    assert session.shows(t("common.password_rules", "nl", min_length=12, max_length=256))
    assert not session.texts(sidebar=True)
    with pytest.raises(ValueError):
        session.open("admin_users.py")


def test_first_run_creates_the_admin_and_signs_them_in(new_session, app_storage):
    session = create_admin_on_first_run(new_session())
    assert session.shows(t("firstrun.done", "nl"))
    assert session.shows("Anne Beheer", sidebar=True)
    admin = app_storage.get_user_by_email(ADMIN_EMAIL)
    assert admin is not None and admin.role == "admin"
    # Any later visitor gets the sign-in screen, not a second first run.
    assert new_session().title() == t("signin.title", "nl")


def test_first_run_refuses_different_and_short_passwords(new_session, app_storage):
    session = create_admin_on_first_run(new_session(), repeat=ADMIN_PASSWORD + "x")
    assert session.shows(t("common.passwords_differ", "nl"))
    session = create_admin_on_first_run(new_session(), password="kort", repeat="kort")
    assert session.shows(t("accounts.password_too_short", "nl", min_length=12, max_length=256))
    assert app_storage.count_users() == 0


def test_right_password_signs_in_and_wrong_password_is_refused(new_session, admin):
    session = new_session().sign_in(ADMIN_EMAIL, "niet het goede wachtwoord")
    assert session.shows(t("accounts.wrong_credentials", "nl"))
    assert session.title() == t("signin.title", "nl")
    session.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)
    assert session.title() == t("later.self_check.title", "nl")
    assert session.shows("Anne Beheer", sidebar=True)


def test_repeated_wrong_passwords_lock_the_account(new_session, admin, monkeypatch):
    monkeypatch.setenv("EXPOSURE_MAX_FAILED_LOGINS", "3")
    monkeypatch.setenv("EXPOSURE_LOCKOUT_MINUTES", "15")
    session = new_session()
    for _ in range(3):
        session.sign_in(ADMIN_EMAIL, "drie keer fout geraden")
    assert session.shows(t("accounts.locked", "nl", minutes=15))
    # Even the right password is refused while the lock lasts.
    session.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)
    assert session.title() == t("signin.title", "nl")
    assert session.shows(t("accounts.locked", "nl", minutes=15))


def test_sign_out_returns_to_the_sign_in_screen(new_session, admin):
    session = new_session().sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).sign_out()
    assert session.title() == t("signin.title", "nl")
    assert not session.texts(sidebar=True)
    with pytest.raises(ValueError):
        session.open("admin_users.py")


def test_one_time_password_must_be_replaced_before_anything_else(new_session, app_storage, admin):
    user, one_time = accounts.create_user(
        app_storage, admin, email="piet@noordchem.example", name="Piet", role="employee"
    )
    session = new_session().sign_in(user.email, one_time)
    assert session.title() == t("password.change_title", "nl")
    with pytest.raises(ValueError):
        session.open("my_account.py")
    session.fill("change_password.old", one_time)
    session.fill("change_password.new", EMPLOYEE_PASSWORD)
    session.fill("change_password.repeat", EMPLOYEE_PASSWORD)
    session.click(t("password.submit", "nl"))
    assert session.title() == t("later.self_check.title", "nl")
    assert session.shows(t("password.changed", "nl"))
    assert not app_storage.get_user(user.id).must_change_password
    # The new password is the one that works from now on.
    fresh = new_session().sign_in(user.email, EMPLOYEE_PASSWORD)
    assert fresh.title() == t("later.self_check.title", "nl")


def test_language_chosen_before_sign_in_applies_to_this_session_only(new_session, admin):
    session = new_session()
    session.at.radio(key="components.lang_picker").set_value("en")
    session.run()
    assert session.title() == t("signin.title", "en")
    assert t("signin.title", "en") != t("signin.title", "nl")
    assert new_session().title() == t("signin.title", "nl")


def test_language_switch_is_kept_with_the_account(new_session, app_storage, make_user):
    user = make_user("piet@noordchem.example", "employee")
    session = new_session().sign_in(user.email, EMPLOYEE_PASSWORD)
    assert session.title() == t("later.self_check.title", "nl")
    session.at.sidebar.radio(key="components.lang_picker").set_value("en")
    session.run()
    assert session.title() == t("later.self_check.title", "en")
    assert session.shows(
        t("sidebar.signed_in_as", "en", name="Piet Operator", role="employee"), sidebar=True
    )
    assert app_storage.get_user(user.id).lang == "en"
    # Signing in again from another browser brings the English interface back,
    # and signing out leaves the sign-in screen in English.
    other = new_session().sign_in(user.email, EMPLOYEE_PASSWORD)
    assert other.title() == t("later.self_check.title", "en")
    assert other.sign_out().title() == t("signin.title", "en")


def test_without_sso_configuration_there_is_no_sso_button(new_session, admin):
    assert t("signin.sso_button", "nl") not in new_session().button_labels()


def test_sso_signs_in_the_account_with_the_same_e_mail(new_session, make_user):
    user = make_user("piet@noordchem.example", "employee")
    session = new_session()
    assert t("signin.sso_button", "nl") not in session.button_labels()
    session.at.secrets = SSO_SECRETS
    session.run()
    assert t("signin.sso_button", "nl") in session.button_labels()
    session.at.user = {"is_logged_in": True, "email": "Piet@Noordchem.example"}
    session.run()
    assert session.title() == t("later.self_check.title", "nl")
    assert session.shows(user.name, sidebar=True)


def test_sso_with_an_unknown_e_mail_explains_and_offers_sign_out(new_session, admin):
    session = new_session()
    session.at.secrets = SSO_SECRETS
    session.at.user = {"is_logged_in": True, "email": "stranger@elsewhere.example"}
    session.run()
    assert session.title() == t("signin.title", "nl")
    assert session.shows("stranger@elsewhere")
    assert t("signin.sso_sign_out", "nl") in session.button_labels()
    assert not session.texts(sidebar=True)


def test_every_page_has_a_title_in_both_languages():
    for spec in PAGES:
        assert t(spec.title_key, "nl") != spec.title_key
        assert t(spec.title_key, "en") != spec.title_key
