"""Storage on SQLite and PostgreSQL: migrations, users, settings and the audit log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from app.config import Settings
from app.storage import (
    MIGRATIONS_DIR,
    Base,
    DuplicateEmail,
    InvalidSetting,
    SetupAlreadyDone,
    Storage,
    UnknownUser,
    open_storage,
)


def head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


def add_employee(storage: Storage, email: str = "jan@noordchem.example", **fields):
    defaults = {"name": "Jan de Vries", "role": "employee"}
    return storage.add_user(email=email, **{**defaults, **fields})


def test_migrations_create_the_tables(backend_storage: Storage) -> None:
    tables = set(inspect(backend_storage.engine).get_table_names())
    assert {"users", "settings", "audit_log", "alembic_version"} <= tables
    assert backend_storage.schema_revision() == head_revision()


def test_revisions_form_one_chain_from_base_to_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert len(script.get_heads()) == 1
    revisions = list(script.walk_revisions())
    assert revisions[-1].down_revision is None


def test_models_match_the_migrations(backend_storage: Storage) -> None:
    with backend_storage.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_migrating_twice_changes_nothing(backend_storage: Storage) -> None:
    user = add_employee(backend_storage)
    backend_storage.migrate()
    assert backend_storage.schema_revision() == head_revision()
    assert backend_storage.get_user(user.id) == user


def test_downgrade_to_base_and_back(backend_storage: Storage) -> None:
    from alembic import command

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with backend_storage.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert "users" not in inspect(backend_storage.engine).get_table_names()
    backend_storage.migrate()
    assert backend_storage.count_users() == 0
    assert backend_storage.schema_revision() == head_revision()


def test_user_round_trip(backend_storage: Storage) -> None:
    user = backend_storage.add_user(
        email="  Petra.Bakker@Noordchem.example ",
        name="Petra Bakker",
        role="hr",
        department="Personeelszaken",
        lang="en",
        password_hash="$argon2id$placeholder",
        must_change_password=True,
    )
    assert user.email == "petra.bakker@noordchem.example"
    assert (user.role, user.department, user.lang) == ("hr", "Personeelszaken", "en")
    assert user.active and user.must_change_password and user.failed_logins == 0
    assert user.created_at.tzinfo is not None
    assert abs(datetime.now(UTC) - user.created_at) < timedelta(minutes=1)
    assert backend_storage.get_user(user.id) == user
    assert backend_storage.password_hash(user.id) == "$argon2id$placeholder"
    assert not hasattr(user, "password_hash")  # the record handed to pages carries no hash


def test_email_lookup_ignores_case(backend_storage: Storage) -> None:
    user = add_employee(backend_storage, "Jan@Noordchem.example")
    assert backend_storage.get_user_by_email("JAN@noordchem.EXAMPLE") == user
    assert backend_storage.get_user_by_email("piet@noordchem.example") is None


def test_duplicate_email_is_refused_in_any_case(backend_storage: Storage) -> None:
    add_employee(backend_storage, "jan@noordchem.example")
    with pytest.raises(DuplicateEmail):
        add_employee(backend_storage, "JAN@noordchem.example", name="Other Jan")
    assert backend_storage.count_users() == 1
    assert backend_storage.list_users()[0].name == "Jan de Vries"


def test_list_users_is_sorted_by_name(backend_storage: Storage) -> None:
    add_employee(backend_storage, "z@noordchem.example", name="Zoë")
    add_employee(backend_storage, "a@noordchem.example", name="Anton")
    assert [u.name for u in backend_storage.list_users()] == ["Anton", "Zoë"]
    assert backend_storage.count_users() == 2


def test_update_user(backend_storage: Storage) -> None:
    user = add_employee(backend_storage)
    until = datetime.now(UTC) + timedelta(minutes=5)
    updated = backend_storage.update_user(
        user.id, role="hr", active=False, locked_until=until, department=None
    )
    assert (updated.role, updated.active, updated.department) == ("hr", False, None)
    assert updated.locked_until == until
    assert backend_storage.get_user(user.id) == updated


def test_update_user_refuses_unknown_fields_users_and_taken_emails(
    backend_storage: Storage,
) -> None:
    user = add_employee(backend_storage)
    other = add_employee(backend_storage, "piet@noordchem.example", name="Piet")
    with pytest.raises(TypeError):
        backend_storage.update_user(user.id, id=99)
    with pytest.raises(UnknownUser):
        backend_storage.update_user(9999, name="Nobody")
    with pytest.raises(DuplicateEmail):
        backend_storage.update_user(other.id, email="JAN@noordchem.example")
    assert backend_storage.get_user(other.id) == other


def test_naive_datetimes_are_refused(backend_storage: Storage) -> None:
    user = add_employee(backend_storage)
    with pytest.raises(Exception, match="naive"):
        backend_storage.update_user(user.id, locked_until=datetime(2030, 1, 1))


def test_failed_logins_are_counted_in_the_database(backend_storage: Storage) -> None:
    user = add_employee(backend_storage)
    assert [backend_storage.register_failed_login(user.id) for _ in range(3)] == [1, 2, 3]
    assert backend_storage.get_user(user.id).failed_logins == 3
    with pytest.raises(UnknownUser):
        backend_storage.register_failed_login(9999)


def test_bulk_insert_is_all_or_nothing(backend_storage: Storage) -> None:
    add_employee(backend_storage, "jan@noordchem.example")
    rows = [
        {"email": "a@noordchem.example", "name": "A", "role": "employee"},
        {"email": "Jan@noordchem.example", "name": "B", "role": "employee"},
    ]
    with pytest.raises(DuplicateEmail):
        backend_storage.add_users(rows, actor=None)
    assert backend_storage.count_users() == 1
    assert backend_storage.count_audit() == 0

    created = backend_storage.add_users(rows[:1], actor=None, detail="test")
    assert [u.email for u in created] == ["a@noordchem.example"]
    assert [e.target for e in backend_storage.list_audit()] == ["a@noordchem.example"]


def test_first_user_can_be_added_only_once(backend_storage: Storage) -> None:
    first = backend_storage.add_first_user(email="a@noordchem.example", name="A", role="admin")
    assert backend_storage.list_users() == [first]
    with pytest.raises(SetupAlreadyDone):
        backend_storage.add_first_user(email="b@noordchem.example", name="B", role="admin")
    assert backend_storage.count_users() == 1


def test_settings_have_defaults_and_can_be_changed(backend_storage: Storage) -> None:
    assert backend_storage.get_setting("retention_days") == "30"
    assert backend_storage.get_setting("min_group_size") == "10"
    assert (backend_storage.retention_days(), backend_storage.min_group_size()) == (30, 10)
    assert backend_storage.get_setting("company_name") is None
    assert backend_storage.get_setting("company_name", "Noordchem") == "Noordchem"

    backend_storage.set_setting("retention_days", 60)
    backend_storage.set_setting("min_group_size", "5")
    backend_storage.set_setting("company_name", "Noordchem B.V.")
    backend_storage.set_setting("company_name", "Noordchem")
    assert backend_storage.retention_days() == 60
    assert backend_storage.min_group_size() == 5
    assert backend_storage.get_setting("company_name") == "Noordchem"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("min_group_size", 4),
        ("min_group_size", "ten"),
        ("retention_days", 0),
        ("retention_days", 366),
    ],
)
def test_settings_out_of_range_are_refused(backend_storage: Storage, key: str, value) -> None:
    with pytest.raises(InvalidSetting):
        backend_storage.set_setting(key, value)
    assert backend_storage.get_setting(key) in ("10", "30")


def test_a_hand_edited_group_size_cannot_go_below_five(backend_storage: Storage) -> None:
    with backend_storage.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO settings (key, value, updated_at) VALUES ('min_group_size', '2', :now)"
            ),
            {"now": datetime.now(UTC).replace(tzinfo=None)},
        )
    assert backend_storage.get_setting("min_group_size") == "2"
    assert backend_storage.min_group_size() == 5


def test_audit_log_lists_newest_first_with_actor(backend_storage: Storage) -> None:
    actor = add_employee(backend_storage, "anne@noordchem.example", name="Anne", role="admin")
    backend_storage.audit(actor, "user_created", "jan@noordchem.example", "role=employee")
    backend_storage.audit(None, "sign_in_failed", "onbekend@noordchem.example")
    backend_storage.audit(actor, "role_changed", "jan@noordchem.example", "employee -> hr")

    entries = backend_storage.list_audit()
    assert [e.action for e in entries] == ["role_changed", "sign_in_failed", "user_created"]
    assert (entries[0].actor_id, entries[0].actor_email) == (actor.id, actor.email)
    assert entries[0].target == "jan@noordchem.example"
    assert entries[0].detail == "employee -> hr"
    assert entries[1].actor_id is None and entries[1].actor_email is None
    assert entries[0].at >= entries[2].at and entries[0].at.tzinfo is not None

    assert [e.action for e in backend_storage.list_audit(limit=1, offset=1)] == ["sign_in_failed"]
    assert [e.action for e in backend_storage.list_audit(action="user_created")] == ["user_created"]
    assert backend_storage.count_audit() == 3
    assert backend_storage.count_audit(action="role_changed") == 1


def test_sqlite_uses_wal_foreign_keys_and_a_busy_timeout(storage: Storage) -> None:
    with storage.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_open_storage_creates_the_data_dir_and_database_file(settings: Settings) -> None:
    assert not settings.data_dir.exists()
    storage = open_storage(settings)
    try:
        assert (settings.data_dir / "exposure.db").is_file()
        assert storage.schema_revision() == head_revision()
    finally:
        storage.dispose()


def test_sqlite_file_directory_is_created_for_any_url(tmp_path) -> None:
    path = tmp_path / "deep" / "er" / "app.db"
    storage = Storage(f"sqlite:///{path}")
    try:
        storage.migrate()
        assert path.is_file()
    finally:
        storage.dispose()
