"""Admin settings: how long a training certificate is valid and how early its expiry shows."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from app.i18n import t
from app.storage import CERTIFICATE_VALID_MONTHS_RANGE, CERTIFICATE_WARN_DAYS_RANGE
from app.ui import training_certificates
from training.certificate import DEFAULT_VALID_MONTHS, DEFAULT_WARN_DAYS, certificate_status

from .conftest import ADMIN_EMAIL, ADMIN_PASSWORD

MONTHS_KEY = "admin_settings.certificate_valid_months"
WARN_KEY = "admin_settings.certificate_warn_days"


def settings_page(new_session):
    return new_session().sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).open("admin_settings.py")


def test_admin_changes_certificate_validity_and_warning_period(new_session, app_storage, admin):
    session = settings_page(new_session)
    months = session.at.number_input(key=MONTHS_KEY)
    warn = session.at.number_input(key=WARN_KEY)
    assert (months.value, warn.value) == (DEFAULT_VALID_MONTHS, DEFAULT_WARN_DAYS)
    assert (months.min, months.max) == CERTIFICATE_VALID_MONTHS_RANGE
    assert (warn.min, warn.max) == CERTIFICATE_WARN_DAYS_RANGE

    months.set_value(24)
    warn.set_value(45)
    session.click(t("admin_settings.save", "nl"))

    assert session.shows(t("admin_settings.saved", "nl"))
    assert app_storage.get_setting("certificate_valid_months") == "24"
    assert app_storage.get_setting("certificate_warn_days") == "45"
    # What the employee and HR certificate views read, without any restart or cache.
    assert training_certificates.valid_months(app_storage) == 24
    assert training_certificates.warn_days(app_storage) == 45
    expires = date.today() + timedelta(days=40)
    assert certificate_status(expires, warn_days=45) == "expiring"

    changes = {
        entry.target: entry
        for entry in app_storage.list_audit(action="settings_changed")
        if (entry.target or "").startswith("certificate_")
    }
    assert changes["certificate_valid_months"].detail == "12 -> 24"
    assert changes["certificate_warn_days"].detail == "30 -> 45"
    assert all(entry.actor_id == admin.id for entry in changes.values())
    # The page shows the new values when opened again.
    session = settings_page(new_session)
    assert session.at.number_input(key=MONTHS_KEY).value == 24
    assert session.at.number_input(key=WARN_KEY).value == 45


def no_certificate_audit(app_storage) -> bool:
    return not [
        entry
        for entry in app_storage.list_audit(action="settings_changed")
        if (entry.target or "").startswith("certificate_")
    ]


def test_the_widget_does_not_pass_on_a_value_beyond_its_bounds(new_session, app_storage, admin):
    session = settings_page(new_session)
    session.at.number_input(key=MONTHS_KEY).set_value(CERTIFICATE_VALID_MONTHS_RANGE[1] + 1)
    session.at.number_input(key=WARN_KEY).set_value(CERTIFICATE_WARN_DAYS_RANGE[0] - 1)
    session.click(t("admin_settings.save", "nl"))
    assert session.at.number_input(key=MONTHS_KEY).value == DEFAULT_VALID_MONTHS
    assert session.at.number_input(key=WARN_KEY).value == DEFAULT_WARN_DAYS
    assert training_certificates.valid_months(app_storage) == DEFAULT_VALID_MONTHS
    assert training_certificates.warn_days(app_storage) == DEFAULT_WARN_DAYS
    assert no_certificate_audit(app_storage)


def test_an_out_of_range_value_is_refused_with_a_message(
    new_session, app_storage, admin, monkeypatch
):
    """The storage check, not the widget, is the guard: with a widget allowing more
    (as a stale or tampered form would), saving is refused with a message."""
    low, high = CERTIFICATE_VALID_MONTHS_RANGE
    monkeypatch.setattr("app.storage.CERTIFICATE_VALID_MONTHS_RANGE", (low, high + 40))
    session = settings_page(new_session)
    session.at.number_input(key=MONTHS_KEY).set_value(high + 1)
    session.click(t("admin_settings.save", "nl"))

    refusal = t("accounts.invalid_certificate_valid_months", "nl", min=low, max=high)
    assert session.shows(refusal)
    assert not session.shows(t("admin_settings.saved", "nl"))
    assert app_storage.get_setting("certificate_valid_months") == str(DEFAULT_VALID_MONTHS)
    assert no_certificate_audit(app_storage)


def test_a_bad_stored_value_is_reported_and_can_be_replaced(new_session, app_storage, admin):
    with app_storage.engine.begin() as connection:  # a value edited by hand
        connection.execute(
            text("INSERT INTO settings (key, value, updated_at) VALUES (:k, :v, :now)"),
            {"k": "certificate_warn_days", "v": "999", "now": "2024-01-01 00:00:00"},
        )
    session = settings_page(new_session)
    used = CERTIFICATE_WARN_DAYS_RANGE[1]
    assert session.at.number_input(key=WARN_KEY).value == used
    assert session.shows(
        t(
            "admin_settings.stored_invalid",
            "nl",
            setting=t(WARN_KEY, "nl"),
            stored="999",
            used=used,
        )
    )
    session.click(t("admin_settings.save", "nl"))
    assert app_storage.get_setting("certificate_warn_days") == str(used)
