"""The one persistence module: SQLAlchemy 2 models, migrations and typed records.

Everything the app stores goes through `Storage`; callers get frozen dataclasses
back, never ORM objects or sessions, so no page holds a database connection.
SQLite (WAL journal) is the default; a `postgresql+psycopg://` URL selects PostgreSQL.
The schema is created and upgraded only by the Alembic revisions in app/migrations/.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    create_engine,
    event,
    func,
    select,
    update,
)
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from app.config import Settings, get_settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000

# Stored settings with their defaults, as the strings the settings table holds.
DEFAULT_SETTINGS: dict[str, str] = {"retention_days": "30", "min_group_size": "10"}
RETENTION_DAYS_RANGE = (1, 365)
MIN_GROUP_SIZE_FLOOR = 5  # smaller groups would let HR single out a person
MIN_GROUP_SIZE_CEILING = 1000

# Set once, inside the transaction that creates the first account, so a second
# first-run (another browser tab, a double click) cannot create a second admin.
SETUP_MARKER_KEY = "setup_completed_at"


class StorageError(Exception):
    """Base of the errors callers are expected to handle."""


class DuplicateEmail(StorageError):
    def __init__(self, email: str) -> None:
        super().__init__(f"an account with e-mail {email!r} already exists")
        self.email = email


class UnknownUser(StorageError, LookupError):
    def __init__(self, user_id: int) -> None:
        super().__init__(f"no user with id {user_id}")
        self.user_id = user_id


class SetupAlreadyDone(StorageError):
    """The first account was already created; first-run cannot happen twice."""


class InvalidSetting(StorageError, ValueError):
    def __init__(self, key: str, value: object, low: int, high: int) -> None:
        super().__init__(
            f"setting {key} must be a whole number from {low} to {high}, got {value!r}"
        )
        self.key, self.value, self.low, self.high = key, value, low, high


def utcnow() -> datetime:
    return datetime.now(UTC)


def normalize_email(email: str) -> str:
    """The form e-mail addresses are stored and compared in: trimmed, lower case."""
    return email.strip().lower()


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; pass a timezone-aware value")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    # Named constraints keep later Alembic revisions (and SQLite batch mode) predictable.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_name)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    department: Mapped[str | None] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(5), default="nl")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditRow(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # The e-mail is copied so the entry still says who acted if the account changes.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_email: Mapped[str | None] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(64), index=True)
    target: Mapped[str | None] = mapped_column(String(300))
    detail: Mapped[str | None] = mapped_column(Text)


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str
    role: str
    department: str | None
    lang: str
    active: bool
    must_change_password: bool
    failed_logins: int
    locked_until: datetime | None
    created_at: datetime
    last_login_at: datetime | None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor_id: int | None
    actor_email: str | None
    action: str
    target: str | None
    detail: str | None


def _user(row: UserRow) -> User:
    return User(
        id=row.id,
        email=row.email,
        name=row.name,
        role=row.role,
        department=row.department,
        lang=row.lang,
        active=row.active,
        must_change_password=row.must_change_password,
        failed_logins=row.failed_logins,
        locked_until=row.locked_until,
        created_at=row.created_at,
        last_login_at=row.last_login_at,
    )


def _audit_entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=row.at,
        actor_id=row.actor_id,
        actor_email=row.actor_email,
        action=row.action,
        target=row.target,
        detail=row.detail,
    )


def normalize_database_url(url: str) -> URL:
    """Parse `url`; plain `postgresql://` and `postgres://` mean psycopg 3, the installed driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # WAL lets the app read while another session writes; NORMAL sync is safe under WAL.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


UPDATABLE_USER_FIELDS = frozenset(
    {
        "email",
        "name",
        "role",
        "department",
        "lang",
        "active",
        "must_change_password",
        "failed_logins",
        "locked_until",
        "last_login_at",
        "password_hash",
    }
)


class Storage:
    """Typed access to the database named by a SQLAlchemy URL.

    `settings` carries the sign-in rules (password length, lock-out) that the
    account functions apply to this database; it defaults to the environment's.
    """

    def __init__(self, url: str, *, settings: Settings | None = None) -> None:
        self.url = normalize_database_url(url)
        self.settings = settings if settings is not None else get_settings()
        if self.url.get_backend_name() == "sqlite":
            database = self.url.database or ""
            if database and database != ":memory:" and not database.startswith("file:"):
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(self.url, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _on_sqlite_connect)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def backend(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision; a no-op when it is current."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at, None before the first migration."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def dispose(self) -> None:
        """Close pooled connections (tests, and before deleting a SQLite file)."""
        self.engine.dispose()

    def _session(self) -> Session:
        return self._sessions()

    # users -----------------------------------------------------------------

    def count_users(self) -> int:
        with self._session() as session:
            return session.scalar(select(func.count()).select_from(UserRow)) or 0

    def count_active_admins(self) -> int:
        with self._session() as session:
            query = select(func.count()).where(UserRow.role == "admin", UserRow.active.is_(True))
            return session.scalar(query) or 0

    @staticmethod
    def _new_user_row(
        *,
        email: str,
        name: str,
        role: str,
        department: str | None = None,
        lang: str = "nl",
        password_hash: str | None = None,
        must_change_password: bool = False,
        now: datetime | None = None,
    ) -> UserRow:
        return UserRow(
            email=normalize_email(email),
            name=name,
            role=role,
            department=department,
            lang=lang,
            password_hash=password_hash,
            active=True,
            must_change_password=must_change_password,
            failed_logins=0,
            created_at=now or utcnow(),
        )

    def add_user(
        self,
        *,
        email: str,
        name: str,
        role: str,
        department: str | None = None,
        lang: str = "nl",
        password_hash: str | None = None,
        must_change_password: bool = False,
    ) -> User:
        """Store a new account. Raises DuplicateEmail when the e-mail is taken (any case)."""
        row = self._new_user_row(
            email=email,
            name=name,
            role=role,
            department=department,
            lang=lang,
            password_hash=password_hash,
            must_change_password=must_change_password,
        )
        with self._session() as session:
            self._insert_users(session, [row])
            session.commit()
            return _user(row)

    def add_users(
        self,
        rows: Sequence[Mapping[str, Any]],
        *,
        actor: User | None,
        action: str = "user_created",
        detail: str | None = None,
    ) -> list[User]:
        """Store many accounts and one audit entry per account, all or nothing.

        Each mapping holds the keyword arguments of `add_user`. Raises DuplicateEmail
        (and stores nothing) if any e-mail is taken or repeated.
        """
        now = utcnow()
        new_rows = [self._new_user_row(**dict(row), now=now) for row in rows]
        with self._session() as session:
            self._insert_users(session, new_rows)
            for row in new_rows:
                session.add(self._audit_row(actor, action, row.email, detail, now))
            session.commit()
            return [_user(row) for row in new_rows]

    def add_first_user(self, **fields: Any) -> User:
        """Store the very first account; raises SetupAlreadyDone if any account exists.

        The setup marker is inserted in the same transaction, so of two concurrent
        first-runs only one can commit.
        """
        row = self._new_user_row(**fields)
        with self._session() as session:
            if session.scalar(select(func.count()).select_from(UserRow)):
                raise SetupAlreadyDone("an account already exists")
            session.add(
                SettingRow(key=SETUP_MARKER_KEY, value=utcnow().isoformat(), updated_at=utcnow())
            )
            try:
                session.flush()
            except IntegrityError:
                session.rollback()
                raise SetupAlreadyDone("first-run already completed") from None
            self._insert_users(session, [row])
            session.commit()
            return _user(row)

    @staticmethod
    def _insert_users(session: Session, rows: list[UserRow]) -> None:
        emails = [row.email for row in rows]
        seen: set[str] = set()
        for email in emails:
            if email in seen:
                raise DuplicateEmail(email)
            seen.add(email)
        taken = session.scalars(select(UserRow.email).where(UserRow.email.in_(emails))).first()
        if taken is not None:
            raise DuplicateEmail(taken)
        session.add_all(rows)
        try:
            session.flush()
        except IntegrityError:
            # Another session took one of the addresses between the check and the insert.
            session.rollback()
            raise DuplicateEmail(emails[0] if len(emails) == 1 else ", ".join(emails)) from None

    def get_user(self, user_id: int) -> User | None:
        with self._session() as session:
            row = session.get(UserRow, user_id)
            return _user(row) if row else None

    def get_user_by_email(self, email: str) -> User | None:
        """Case-insensitive: addresses are stored in normalized form."""
        with self._session() as session:
            row = session.scalars(
                select(UserRow).where(UserRow.email == normalize_email(email))
            ).first()
            return _user(row) if row else None

    def list_users(self) -> list[User]:
        """All accounts, by name then e-mail."""
        with self._session() as session:
            rows = session.scalars(select(UserRow).order_by(UserRow.name, UserRow.email))
            return [_user(row) for row in rows]

    def update_user(self, user_id: int, **fields: Any) -> User:
        """Change the given columns (see UPDATABLE_USER_FIELDS) and return the new record."""
        unknown = set(fields) - UPDATABLE_USER_FIELDS
        if unknown:
            raise TypeError(f"cannot update user field(s): {', '.join(sorted(unknown))}")
        if "email" in fields:
            fields["email"] = normalize_email(fields["email"])
        with self._session() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise UnknownUser(user_id)
            if "email" in fields and fields["email"] != row.email:
                clash = session.scalars(
                    select(UserRow.id).where(UserRow.email == fields["email"])
                ).first()
                if clash is not None:
                    raise DuplicateEmail(fields["email"])
            for name, value in fields.items():
                setattr(row, name, value)
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
                raise DuplicateEmail(fields.get("email", row.email)) from None
            return _user(row)

    def register_failed_login(self, user_id: int) -> int:
        """Add one to the failure counter in a single statement; returns the new count.

        Done in the database rather than read-modify-write, so parallel guesses
        cannot share one count.
        """
        with self._session() as session:
            result = session.execute(
                update(UserRow)
                .where(UserRow.id == user_id)
                .values(failed_logins=UserRow.failed_logins + 1)
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                raise UnknownUser(user_id)
            count = session.scalar(select(UserRow.failed_logins).where(UserRow.id == user_id))
            session.commit()
            return int(count or 0)

    def password_hash(self, user_id: int) -> str | None:
        with self._session() as session:
            return session.scalar(select(UserRow.password_hash).where(UserRow.id == user_id))

    # settings --------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """The stored value, else `default`, else the built-in default of DEFAULT_SETTINGS."""
        with self._session() as session:
            value = session.scalar(select(SettingRow.value).where(SettingRow.key == key))
        if value is not None:
            return value
        return default if default is not None else DEFAULT_SETTINGS.get(key)

    def set_setting(self, key: str, value: object) -> None:
        """Store `value` as text; retention_days and min_group_size are range-checked."""
        text = str(value)
        if key in _SETTING_RANGES:
            _checked_int(key, value)
        with self._session() as session:
            row = session.get(SettingRow, key)
            if row is None:
                session.add(SettingRow(key=key, value=text, updated_at=utcnow()))
            else:
                row.value, row.updated_at = text, utcnow()
            session.commit()

    def retention_days(self) -> int:
        """How many days fetched posts are kept (1..365, default 30)."""
        return self._int_setting("retention_days")

    def min_group_size(self) -> int:
        """Smallest group HR may see aggregated figures for (never below 5, default 10)."""
        return self._int_setting("min_group_size")

    def _int_setting(self, key: str) -> int:
        # A value edited by hand in the database must not undo the privacy floor.
        low, high = _SETTING_RANGES[key]
        try:
            value = int(self.get_setting(key) or DEFAULT_SETTINGS[key])
        except ValueError:
            value = int(DEFAULT_SETTINGS[key])
        return min(max(value, low), high)

    # audit -----------------------------------------------------------------

    @staticmethod
    def _audit_row(
        actor: User | None,
        action: str,
        target: str | None,
        detail: str | None,
        at: datetime | None = None,
    ) -> AuditRow:
        return AuditRow(
            at=at or utcnow(),
            actor_id=actor.id if actor else None,
            actor_email=actor.email if actor else None,
            action=action,
            target=target[:300] if target else target,
            detail=detail,
        )

    def audit(
        self,
        actor: User | None,
        action: str,
        target: str | None = None,
        detail: str | None = None,
    ) -> None:
        """Record who (None: the system or an anonymous visitor) did what to whom."""
        with self._session() as session:
            session.add(self._audit_row(actor, action, target, detail))
            session.commit()

    def list_audit(
        self, limit: int = 200, offset: int = 0, *, action: str | None = None
    ) -> list[AuditEntry]:
        """Newest first; optionally only one kind of action."""
        query = select(AuditRow).order_by(AuditRow.at.desc(), AuditRow.id.desc())
        if action is not None:
            query = query.where(AuditRow.action == action)
        with self._session() as session:
            rows = session.scalars(query.limit(max(0, limit)).offset(max(0, offset)))
            return [_audit_entry(row) for row in rows]

    def count_audit(self, *, action: str | None = None) -> int:
        query = select(func.count()).select_from(AuditRow)
        if action is not None:
            query = query.where(AuditRow.action == action)
        with self._session() as session:
            return session.scalar(query) or 0


_SETTING_RANGES: dict[str, tuple[int, int]] = {
    "retention_days": RETENTION_DAYS_RANGE,
    "min_group_size": (MIN_GROUP_SIZE_FLOOR, MIN_GROUP_SIZE_CEILING),
}


def _checked_int(key: str, value: object) -> int:
    low, high = _SETTING_RANGES[key]
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InvalidSetting(key, value, low, high) from None
    if not low <= number <= high:
        raise InvalidSetting(key, value, low, high)
    return number


def open_storage(settings: Settings | None = None) -> Storage:
    """The one call the app makes: create the data directory, connect, migrate."""
    settings = settings if settings is not None else get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    storage = Storage(settings.database_url, settings=settings)
    storage.migrate()
    return storage
