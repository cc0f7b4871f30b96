"""Alembic revisions of the schema; applied by `Storage.migrate()`."""
