"""Alembic environment.

The app runs migrations itself (`Storage.migrate()` hands over an open connection).
For writing a new revision from the command line, use the config next to this file:

    alembic -c app/migrations/alembic.ini revision --autogenerate \
        --rev-id 0002 -m "add training progress"

which connects to the database of the current environment (EXPOSURE_DATABASE_URL).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from app.storage import Base, UTCDateTime, normalize_database_url

config = context.config
target_metadata = Base.metadata


def _render_item(type_, obj, autogen_context):
    # Revisions stay free of app imports: the UTC wrapper is a plain aware DateTime there.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    from app.config import get_settings

    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    engine = create_engine(normalize_database_url(url))
    try:
        with engine.begin() as connection:
            _configure(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")
run_migrations()
