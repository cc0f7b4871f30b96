"""Configuration from environment variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import DEFAULT_DATA_DIR, REPO_ROOT, ConfigError, get_settings
from app.storage import normalize_database_url


def test_defaults_keep_the_database_in_the_ignored_data_dir() -> None:
    settings = get_settings({})
    assert settings.data_dir == DEFAULT_DATA_DIR
    assert "/var/" in (REPO_ROOT / ".gitignore").read_text().split()  # the data dir is untracked
    assert settings.database_url == f"sqlite:///{DEFAULT_DATA_DIR / 'exposure.db'}"
    assert (settings.min_password_length, settings.max_failed_logins) == (12, 5)
    assert settings.lockout_minutes == 15


def test_environment_overrides(tmp_path: Path) -> None:
    settings = get_settings(
        {
            "EXPOSURE_DATA_DIR": str(tmp_path / "data"),
            "EXPOSURE_MIN_PASSWORD_LENGTH": "16",
            "EXPOSURE_MAX_FAILED_LOGINS": "8",
            "EXPOSURE_LOCKOUT_MINUTES": " 30 ",
        }
    )
    assert settings.data_dir == tmp_path / "data"
    assert settings.database_url.endswith(f"{tmp_path}/data/exposure.db")
    assert (settings.min_password_length, settings.max_failed_logins) == (16, 8)
    assert settings.lockout_minutes == 30
    assert not settings.data_dir.exists()  # only opening storage creates it


def test_database_url_wins_over_the_data_dir() -> None:
    url = "postgresql+psycopg://exposure@127.0.0.1:5432/exposure"
    assert get_settings({"EXPOSURE_DATABASE_URL": url}).database_url == url


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("EXPOSURE_MIN_PASSWORD_LENGTH", "twaalf"),
        ("EXPOSURE_MIN_PASSWORD_LENGTH", "4"),
        ("EXPOSURE_MAX_FAILED_LOGINS", "0"),
        ("EXPOSURE_LOCKOUT_MINUTES", "-5"),
    ],
)
def test_unusable_values_are_named(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        get_settings({name: value})


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_plain_postgres_urls_use_psycopg3(scheme: str) -> None:
    url = normalize_database_url(f"{scheme}://u@127.0.0.1:5432/db")
    assert url.drivername == "postgresql+psycopg"
