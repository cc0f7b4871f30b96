"""Run-time configuration, read from environment variables.

| variable                       | default                          |
| ------------------------------ | -------------------------------- |
| EXPOSURE_DATA_DIR              | <repository>/var (not tracked)   |
| EXPOSURE_DATABASE_URL          | sqlite:///<data dir>/exposure.db |
| EXPOSURE_MIN_PASSWORD_LENGTH   | 12                               |
| EXPOSURE_MAX_FAILED_LOGINS     | 5                                |
| EXPOSURE_LOCKOUT_MINUTES       | 15                               |

A PostgreSQL URL may be written as `postgresql://...`; it is used through psycopg 3.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "var"
DATABASE_FILE_NAME = "exposure.db"


class ConfigError(ValueError):
    """An environment variable holds a value the app cannot use; the message names it."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    min_password_length: int = 12
    max_failed_logins: int = 5
    lockout_minutes: int = 15


def sqlite_url(path: Path) -> str:
    """SQLAlchemy URL of a SQLite file (absolute, so the working directory does not matter)."""
    return f"sqlite:///{path.resolve().as_posix()}"


def _int_from_env(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, got {value}")
    return value


def get_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from `env` (default: the process environment). Creates nothing on disk."""
    env = os.environ if env is None else env
    raw_dir = env.get("EXPOSURE_DATA_DIR", "").strip()
    data_dir = Path(raw_dir).expanduser().resolve() if raw_dir else DEFAULT_DATA_DIR
    database_url = env.get("EXPOSURE_DATABASE_URL", "").strip() or sqlite_url(
        data_dir / DATABASE_FILE_NAME
    )
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        # Below 8 characters no password rule makes sense any more.
        min_password_length=_int_from_env(env, "EXPOSURE_MIN_PASSWORD_LENGTH", 12, 8, 128),
        max_failed_logins=_int_from_env(env, "EXPOSURE_MAX_FAILED_LOGINS", 5, 3, 100),
        lockout_minutes=_int_from_env(env, "EXPOSURE_LOCKOUT_MINUTES", 15, 1, 24 * 60),
    )
