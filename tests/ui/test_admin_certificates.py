"""Admin checks a certificate by its verification code; every lookup is audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.i18n import t
from training import new_verification_code
from training.certificate import format_date

from .conftest import ADMIN_EMAIL, ADMIN_PASSWORD, EMPLOYEE_PASSWORD


def look_up(new_session, code: str):
    session = new_session().sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).open("admin_certificates.py")
    session.fill("admin_certificates.code", code)
    return session.click(t("training.admin_certificates.submit", "nl"))


def test_a_valid_code_shows_holder_modules_and_expiry(new_session, app_storage, admin, make_user):
    holder = make_user("piet@noordchem.example", "employee")
    issued = date.today() - timedelta(days=30)
    record = app_storage.issue_certificate(
        holder, new_verification_code(), ["Wat is ondermijning?", "Veilig posten"], issued,
        issued + timedelta(days=365),
    )  # fmt: skip
    session = look_up(new_session, record.code)
    expires = format_date(record.expires_at, "nl")
    assert session.shows(t("training.admin_certificates.valid", "nl", date=expires))
    assert session.shows(holder.name) and session.shows(holder.email)
    assert session.shows("Veilig posten")
    entry = app_storage.list_audit(action="certificate_looked_up")[0]
    assert (entry.actor_email, entry.target) == (ADMIN_EMAIL, record.code)


def test_an_expired_certificate_is_called_expired(new_session, app_storage, admin, make_user):
    holder = make_user("piet@noordchem.example", "employee")
    issued = date.today() - timedelta(days=400)
    record = app_storage.issue_certificate(
        holder, new_verification_code(), ["Wat is ondermijning?"], issued,
        issued + timedelta(days=365),
    )  # fmt: skip
    session = look_up(new_session, record.code)
    expired = format_date(record.expires_at, "nl")
    assert session.shows(t("training.admin_certificates.expired", "nl", date=expired))


def test_a_mistyped_code_is_recognised_before_any_lookup(new_session, app_storage, admin):
    code = new_verification_code()
    mistyped = ("X" if code[0] != "X" else "Y") + code[1:]
    session = look_up(new_session, mistyped)
    assert session.shows(t("training.admin_certificates.malformed", "nl", code=mistyped))
    assert app_storage.list_audit(action="certificate_looked_up") == []


def test_an_unknown_code_is_not_found_and_the_attempt_is_audited(new_session, app_storage, admin):
    code = new_verification_code()
    session = look_up(new_session, code)
    assert session.shows(t("training.admin_certificates.not_found", "nl", code=code))
    assert app_storage.list_audit(action="certificate_looked_up")[0].detail == "not found"


@pytest.mark.parametrize("role", ["hr", "employee"])
def test_only_admin_can_open_the_certificate_check(new_session, make_user, role):
    user = make_user(f"{role}@noordchem.example", role)
    session = new_session().sign_in(user.email, EMPLOYEE_PASSWORD)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        session.open("admin_certificates.py")
