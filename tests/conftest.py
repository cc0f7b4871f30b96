"""Fixtures shared by every test folder.

- `data_dir`: an empty data directory under tmp_path, with EXPOSURE_DATA_DIR and
  EXPOSURE_DATABASE_URL pointing at it, so the app (in AppTest or a `streamlit run`
  subprocess started with this environment) stores nothing outside the test. The
  other EXPOSURE_* sign-in settings are cleared so a developer's shell cannot change
  what the tests see.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import DATABASE_FILE_NAME, sqlite_url

SIGN_IN_VARIABLES = (
    "EXPOSURE_MIN_PASSWORD_LENGTH",
    "EXPOSURE_MAX_FAILED_LOGINS",
    "EXPOSURE_LOCKOUT_MINUTES",
)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(path))
    monkeypatch.setenv("EXPOSURE_DATABASE_URL", sqlite_url(path / DATABASE_FILE_NAME))
    for name in SIGN_IN_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return path
