"""The privacy notice: plain words in both languages, with the live settings."""

from __future__ import annotations

import pytest

from app.i18n import t

from .conftest import EMPLOYEE_PASSWORD


def privacy(new_session, email: str):
    return new_session().sign_in(email, EMPLOYEE_PASSWORD).open("privacy.py")


def test_privacy_notice_states_the_configured_retention_and_group_size(
    new_session, app_storage, make_user
):
    make_user("piet@noordchem.example", "employee")
    app_storage.set_setting("retention_days", 14)
    app_storage.set_setting("min_group_size", 12)

    session = privacy(new_session, "piet@noordchem.example")
    assert session.title() == t("employee.privacy.title", "nl")
    assert session.shows("14 dagen na de scan")
    assert session.shows("minstens 12 mensen")
    assert not session.shows("30 dagen")
    for section in ("what", "why", "who", "how_long", "withdraw", "rights"):
        assert session.shows(t(f"employee.privacy.{section}_title", "nl"))


def test_privacy_notice_in_english_lists_the_readers_consents(new_session, app_storage, make_user):
    anna = make_user("anna@noordchem.example", "hr", name="Anna HR", lang="en")
    app_storage.record_consent(anna, "share_counts_with_hr", "1/en", True)
    app_storage.withdraw_share(anna)

    session = privacy(new_session, "anna@noordchem.example")
    assert session.title() == t("employee.privacy.title", "en")
    assert session.shows("30 days after the scan")
    lines = [text for text in session.texts() if "sharing counts with HR" in text]
    assert any("consent withdrawn" in line and "text version 1/en" in line for line in lines)
    assert any("consent given" in line and "text version 1/en" in line for line in lines)


def test_privacy_notice_needs_a_signed_in_account(new_session, make_user):
    with pytest.raises(ValueError):
        new_session().open("privacy.py")
