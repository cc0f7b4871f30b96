"""What a visitor sees when the app cannot start properly: a message, never a traceback."""

from __future__ import annotations

from app.i18n import t


def test_an_invalid_setting_is_named_instead_of_a_traceback(new_session, monkeypatch):
    monkeypatch.setenv("EXPOSURE_MIN_PASSWORD_LENGTH", "twaalf")
    session = new_session()
    [error] = session.at.error
    assert "EXPOSURE_MIN_PASSWORD_LENGTH" in error.value.replace("\\", "")
    assert not session.at.text_input  # no sign-in form on top of a broken configuration


def test_an_unreachable_database_gives_a_message_instead_of_a_traceback(new_session, monkeypatch):
    # Nothing listens on port 1 of the loopback address, so the connection is refused.
    monkeypatch.setenv("EXPOSURE_DATABASE_URL", "postgresql://exposure@127.0.0.1:1/exposure")
    session = new_session()
    assert [error.value for error in session.at.error] == [t("app.storage_unavailable", "nl")]
    assert not session.at.text_input


def test_the_database_is_created_in_the_configured_data_directory(new_session, data_dir):
    assert not data_dir.exists()
    session = new_session()
    assert session.title() == t("firstrun.title", "nl")
    assert (data_dir / "exposure.db").is_file()
