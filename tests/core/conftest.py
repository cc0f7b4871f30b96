"""Shared fixtures for the storage, account and import tests.

- `settings`: Settings with a data directory under tmp_path, independent of EXPOSURE_* variables.
- `storage`: a migrated Storage on a fresh SQLite file in that data directory.
- `backend_storage`: the same, once on SQLite and once on PostgreSQL; the PostgreSQL
  run needs TEST_POSTGRES_URL (e.g. postgresql+psycopg://exposure@127.0.0.1:55432/exposure_test)
  and is skipped without it. Every PostgreSQL test starts and ends with an empty schema.
- `admin`: the first admin account on `storage`, with password ADMIN_PASSWORD.
- `messages`: the nl and en message catalogues, to check that errors render.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy import MetaData, create_engine

from app import accounts
from app.config import Settings, sqlite_url
from app.storage import Storage, User, normalize_database_url, open_storage

POSTGRES_URL_ENV = "TEST_POSTGRES_URL"
ADMIN_EMAIL = "beheer@noordchem.example"
ADMIN_PASSWORD = "zeven lange woorden op een rij"
LOCALES_DIR = Path(__file__).resolve().parents[2] / "app" / "locales"


def drop_all_tables(url: str) -> None:
    """Remove every table the database holds, alembic_version included."""
    engine = create_engine(normalize_database_url(url))
    try:
        with engine.begin() as connection:
            metadata = MetaData()
            metadata.reflect(connection)
            metadata.drop_all(connection)
    finally:
        engine.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    data_dir = tmp_path / "var"
    return Settings(data_dir=data_dir, database_url=sqlite_url(data_dir / "exposure.db"))


@pytest.fixture
def storage(settings: Settings) -> Iterator[Storage]:
    store = open_storage(settings)
    yield store
    store.dispose()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def backend_storage(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Storage]:
    if request.param == "sqlite":
        store = open_storage(settings)
        yield store
        store.dispose()
        return
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_URL_ENV} is not set")
    drop_all_tables(url)
    store = Storage(url, settings=settings)
    store.migrate()
    try:
        yield store
    finally:
        store.dispose()
        drop_all_tables(url)


@pytest.fixture
def admin(storage: Storage) -> User:
    return accounts.create_first_admin(
        storage, email=ADMIN_EMAIL, name="Anne Beheer", password=ADMIN_PASSWORD
    )


@pytest.fixture(scope="session")
def messages() -> dict[str, dict[str, str]]:
    return {
        lang: yaml.safe_load((LOCALES_DIR / lang / "accounts.yaml").read_text(encoding="utf-8"))
        for lang in ("nl", "en")
    }


@pytest.fixture
def admin_password() -> str:
    return ADMIN_PASSWORD


def render(messages: dict[str, dict[str, str]], key: str, params: dict) -> dict[str, str]:
    """The message in both languages; fails when the key or a parameter is missing."""
    return {lang: catalogue[key].format(**params) for lang, catalogue in messages.items()}


@pytest.fixture
def rendered(messages: dict[str, dict[str, str]]):
    """`rendered(key, params)` -> {"nl": text, "en": text}."""
    return lambda key, params: render(messages, key, params)


@pytest.fixture
def add_person(backend_storage: Storage):
    """`add_person(name, role="employee", department=None)`: a new account on backend_storage."""
    made: list[User] = []

    def add(name: str, role: str = "employee", department: str | None = None) -> User:
        email = f"{name.lower().replace(' ', '.')}.{len(made)}@noordchem.example"
        user = backend_storage.add_user(email=email, name=name, role=role, department=department)
        made.append(user)
        return user

    return add
