"""Revision 0002 on a database that already has accounts (SQLite and PostgreSQL)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from app.storage import MIGRATIONS_DIR, Storage

NEW_TABLES = {
    "consents",
    "my_scans",
    "shared_counts",
    "self_checks",
    "training_progress",
    "training_attempts",
    "certificates",
    "profile_versions",
    "ruleset_drafts",
    "published_rulesets",
    "ruleset_acknowledgements",
}


def move_to(storage: Storage, revision: str, *, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with storage.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_upgrading_from_0001_keeps_existing_accounts(backend_storage: Storage) -> None:
    move_to(backend_storage, "0001", down=True)
    assert not NEW_TABLES & set(inspect(backend_storage.engine).get_table_names())
    jan = backend_storage.add_user(
        email="jan@noordchem.example", name="Jan", role="employee", department="Logistiek"
    )
    admin = backend_storage.add_user(email="anne@noordchem.example", name="Anne", role="admin")
    backend_storage.set_setting("retention_days", 45)
    backend_storage.audit(admin, "user_created", jan.email)

    backend_storage.migrate()

    assert backend_storage.schema_revision() == "0002"
    assert NEW_TABLES <= set(inspect(backend_storage.engine).get_table_names())
    assert backend_storage.list_users() == [admin, jan]
    assert backend_storage.retention_days() == 45
    assert backend_storage.list_audit()[0].target == jan.email
    # the existing accounts can use the new tables at once
    backend_storage.record_consent(jan, "fetch_own_posts", "v1", True)
    backend_storage.save_my_scan(jan, "sample", [{"id": "1", "text": "hallo"}], [], {})
    assert backend_storage.load_my_scan(jan).posts == [{"id": "1", "text": "hallo"}]
    assert backend_storage.save_profile(admin, {"company_names": ["Noordchem"]}) == 1


def test_downgrading_0002_removes_only_its_tables(backend_storage: Storage) -> None:
    jan = backend_storage.add_user(email="jan@noordchem.example", name="Jan", role="employee")
    backend_storage.record_attempt(jan, "m1", 0.9, True)
    move_to(backend_storage, "0001", down=True)
    assert backend_storage.schema_revision() == "0001"
    assert not NEW_TABLES & set(inspect(backend_storage.engine).get_table_names())
    assert backend_storage.list_users() == [jan]
    backend_storage.migrate()
    assert backend_storage.list_attempts(jan) == []
