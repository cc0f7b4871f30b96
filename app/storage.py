"""The one persistence module: SQLAlchemy 2 models, migrations and typed records.

Everything the app stores goes through `Storage`; callers get frozen dataclasses
back, never ORM objects or sessions, so no page holds a database connection.
SQLite (WAL journal) is the default; a `postgresql+psycopg://` URL selects PostgreSQL.
The schema is created and upgraded only by the Alembic revisions in app/migrations/.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    create_engine,
    delete,
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
# Repeat views of the shared counts by one person within this window share one audit entry.
SHARED_COUNTS_AUDIT_WINDOW = timedelta(minutes=30)

# Stored settings with their defaults, as the strings the settings table holds.
DEFAULT_SETTINGS: dict[str, str] = {
    "retention_days": "30",
    "min_group_size": "10",
    "certificate_valid_months": "12",  # training.certificate.DEFAULT_VALID_MONTHS
    "certificate_warn_days": "30",  # training.certificate.DEFAULT_WARN_DAYS
}
RETENTION_DAYS_RANGE = (1, 365)
MIN_GROUP_SIZE_FLOOR = 5  # smaller groups would let HR single out a person
MIN_GROUP_SIZE_CEILING = 1000
# The same ranges app/ui/training_certificates.py clamps the stored values to.
CERTIFICATE_VALID_MONTHS_RANGE = (1, 60)
CERTIFICATE_WARN_DAYS_RANGE = (1, 180)

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


# People's own data, consent, training and company documents (revision 0002) ---------
#
# Every row that belongs to one person references users.id with ON DELETE CASCADE, so
# removing an account removes that person's data with it. Documents the domain
# packages define (scan results, training progress, profiles, rule sets) are stored
# as JSON exactly as handed over; this module never interprets them.

CONSENT_PURPOSES: tuple[str, ...] = ("fetch_own_posts", "share_counts_with_hr")
SHARE_PURPOSE = "share_counts_with_hr"
STAFF_ROLES = frozenset({"hr", "admin"})
MAX_DOCUMENT_CHARS = 2_000_000
MAX_SCAN_CHARS = 50_000_000  # a few thousand posts with their findings and dossier
MAX_SELF_CHECK_CHARS = 20_000
MAX_SHARED_LABELS = 64
MAX_SHARED_COUNT = 10_000_000
MAX_ID_CHARS = 64  # module ids, labels, sources, consent text versions
MAX_CERTIFICATE_CODE_CHARS = 32
RULESET_DRAFT_ID = 1  # there is one current draft


class PermissionDenied(StorageError, PermissionError):
    """The actor is not an active HR or admin account."""


class ConsentRequired(StorageError):
    """The employee has not (or no longer) consented to what was asked."""

    def __init__(self, purpose: str) -> None:
        super().__init__(f"no consent given for {purpose}")
        self.purpose = purpose


class ConcurrentChange(StorageError):
    """Another session changed the same data at the same moment; trying again helps."""


class InvalidData(StorageError, ValueError):
    """A value handed to storage cannot be stored (wrong shape, too large, not JSON)."""


class DuplicateCertificateCode(StorageError):
    def __init__(self, code: str) -> None:
        super().__init__(f"certificate code {code!r} is already in use")
        self.code = code


class RuleSetVersionExists(StorageError):
    def __init__(self, version: int) -> None:
        super().__init__(f"rule set version {version} is already published")
        self.version = version


class UnknownRuleSetVersion(StorageError, LookupError):
    def __init__(self, version: int) -> None:
        super().__init__(f"no published rule set version {version}")
        self.version = version


def _user_fk() -> ForeignKey:
    return ForeignKey("users.id", ondelete="CASCADE")


class ConsentRow(Base):
    """Append-only: a withdrawal is a new row, so the history stays as proof."""

    __tablename__ = "consents"
    __table_args__ = (Index("ix_consents_user_id_purpose", "user_id", "purpose", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk())
    purpose: Mapped[str] = mapped_column(String(MAX_ID_CHARS))
    text_version: Mapped[str] = mapped_column(String(MAX_ID_CHARS))
    given: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class MyScanRow(Base):
    """The employee's current posts, results and dossier; one dataset per person."""

    __tablename__ = "my_scans"
    # Ids are never reused on SQLite either, so a page holding an old scan id cannot
    # mistake a newer scan (or another person's) for it.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk(), unique=True)
    source: Mapped[str] = mapped_column(String(MAX_ID_CHARS))
    posts: Mapped[list[Any]] = mapped_column(JSON)
    results: Mapped[list[Any]] = mapped_column(JSON)
    dossier: Mapped[dict[str, Any]] = mapped_column(JSON)
    post_count: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SharedCountRow(Base):
    """One label count an employee chose to share; the department is copied at sharing."""

    __tablename__ = "shared_counts"

    user_id: Mapped[int] = mapped_column(_user_fk(), primary_key=True)
    label: Mapped[str] = mapped_column(String(MAX_ID_CHARS), primary_key=True)
    department: Mapped[str | None] = mapped_column(String(200))
    label_count: Mapped[int] = mapped_column(Integer)
    shared_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SelfCheckRow(Base):
    __tablename__ = "self_checks"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    text: Mapped[str] = mapped_column(Text)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TrainingProgressRow(Base):
    __tablename__ = "training_progress"

    user_id: Mapped[int] = mapped_column(_user_fk(), primary_key=True)
    module_id: Mapped[str] = mapped_column(String(MAX_ID_CHARS), primary_key=True)
    progress: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TrainingAttemptRow(Base):
    __tablename__ = "training_attempts"
    __table_args__ = (Index("ix_training_attempts_user_id_module_id", "user_id", "module_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk())
    module_id: Mapped[str] = mapped_column(String(MAX_ID_CHARS))
    score: Mapped[float] = mapped_column(Float)
    passed: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class CertificateRow(Base):
    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    code: Mapped[str] = mapped_column(String(MAX_CERTIFICATE_CODE_CHARS), unique=True)
    modules: Mapped[list[Any]] = mapped_column(JSON)
    issued_at: Mapped[date] = mapped_column(Date)
    expires_at: Mapped[date] = mapped_column(Date)


class ProfileVersionRow(Base):
    __tablename__ = "profile_versions"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    saved_by_email: Mapped[str | None] = mapped_column(String(254))


class RuleSetDraftRow(Base):
    __tablename__ = "ruleset_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    saved_by_email: Mapped[str | None] = mapped_column(String(254))


class PublishedRuleSetRow(Base):
    """Published versions are never updated; `publish_ruleset` only inserts."""

    __tablename__ = "published_rulesets"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_by_email: Mapped[str | None] = mapped_column(String(254))


class AcknowledgementRow(Base):
    __tablename__ = "ruleset_acknowledgements"

    user_id: Mapped[int] = mapped_column(_user_fk(), primary_key=True)
    version: Mapped[int] = mapped_column(
        ForeignKey("published_rulesets.version", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    )
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime)


@dataclass(frozen=True)
class ConsentRecord:
    id: int
    user_id: int
    purpose: str
    text_version: str
    given: bool
    at: datetime


@dataclass(frozen=True)
class MyScan:
    id: int
    user_id: int
    source: str
    posts: list[dict[str, Any]]
    results: list[dict[str, Any]]
    dossier: dict[str, Any]
    saved_at: datetime
    expires_at: datetime  # saved_at + the retention period in force now


@dataclass(frozen=True)
class DeletedData:
    """What `delete_my_data` removed. Consent records are kept as proof of the choices made."""

    posts: int
    results: int
    dossiers: int
    shared_counts: int  # labels that were shared
    self_checks: int
    consent_records_kept: int


@dataclass(frozen=True)
class MySharedCounts:
    department: str | None
    counts: dict[str, int]
    shared_at: datetime


@dataclass(frozen=True)
class SharedCountsGroup:
    department: str | None  # None: departments too small to show, combined (or "everyone")
    people: int
    counts: dict[str, int]


@dataclass(frozen=True)
class SharedCountsSummary:
    """Shared counts as HR may see them; every group holds at least `min_group_size` people."""

    min_group_size: int
    departments: tuple[SharedCountsGroup, ...]  # large enough to show, largest first
    other: SharedCountsGroup | None  # the hidden departments together, when large enough
    hidden_departments: int  # how many departments are not shown by name
    total: SharedCountsGroup | None  # everyone who shared; None when too few did


@dataclass(frozen=True)
class SelfCheck:
    id: int
    user_id: int
    text: str
    result: dict[str, Any]
    saved_at: datetime


@dataclass(frozen=True)
class TrainingAttempt:
    id: int
    user_id: int
    module_id: str
    score: float  # 0..1
    passed: bool
    at: datetime


@dataclass(frozen=True)
class CertificateRecord:
    id: int
    user_id: int
    holder_name: str
    holder_email: str
    code: str
    modules: tuple[str, ...]
    issued_at: date
    expires_at: date


@dataclass(frozen=True)
class TrainingStatus:
    """One employee's completion as HR sees it: what was passed, no scores."""

    user_id: int
    name: str
    email: str
    department: str | None
    role: str
    modules_passed: tuple[str, ...]
    last_passed_at: datetime | None
    certificate_issued_at: date | None
    certificate_expires_at: date | None


@dataclass(frozen=True)
class DepartmentScores:
    """Training scores of one department; nothing but the name when the group is small."""

    department: str | None
    hidden: bool
    employees: int | None
    scored: int | None  # employees with at least one finished attempt
    average_score: float | None  # mean of each scored employee's mean best score, 0..1
    module_averages: dict[str, float | None]  # None: fewer than the minimum took the module


@dataclass(frozen=True)
class ProfileVersion:
    version: int
    document: dict[str, Any]
    saved_at: datetime
    saved_by: str | None  # e-mail of the account that saved it


@dataclass(frozen=True)
class RuleSetDraft:
    document: dict[str, Any]
    saved_at: datetime
    saved_by: str | None


@dataclass(frozen=True)
class PublishedRuleSet:
    version: int
    document: dict[str, Any]
    published_at: datetime
    published_by: str | None


@dataclass(frozen=True)
class Acknowledgement:
    user_id: int
    name: str
    email: str
    department: str | None
    version: int
    acknowledged_at: datetime


def _consent(row: ConsentRow) -> ConsentRecord:
    return ConsentRecord(row.id, row.user_id, row.purpose, row.text_version, row.given, row.at)


def _self_check(row: SelfCheckRow) -> SelfCheck:
    return SelfCheck(row.id, row.user_id, row.text, row.result, row.saved_at)


def _attempt(row: TrainingAttemptRow) -> TrainingAttempt:
    return TrainingAttempt(row.id, row.user_id, row.module_id, row.score, row.passed, row.at)


def _certificate(row: CertificateRow, holder: UserRow) -> CertificateRecord:
    return CertificateRecord(
        id=row.id,
        user_id=row.user_id,
        holder_name=holder.name,
        holder_email=holder.email,
        code=row.code,
        modules=tuple(row.modules),
        issued_at=row.issued_at,
        expires_at=row.expires_at,
    )


def _profile_version(row: ProfileVersionRow) -> ProfileVersion:
    return ProfileVersion(row.version, row.document, row.saved_at, row.saved_by_email)


def _published(row: PublishedRuleSetRow) -> PublishedRuleSet:
    return PublishedRuleSet(row.version, row.document, row.published_at, row.published_by_email)


def _acknowledgement(row: AcknowledgementRow, user: UserRow) -> Acknowledgement:
    return Acknowledgement(
        user_id=user.id,
        name=user.name,
        email=user.email,
        department=user.department,
        version=row.version,
        acknowledged_at=row.acknowledged_at,
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
        """Store `value` as text; the whole-number settings of _SETTING_RANGES are range-checked."""
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

    def audit_capped(
        self, action: str, target: str | None, *, limit: int, window: timedelta
    ) -> bool:
        """Record an anonymous visitor's `action` unless `limit` such entries are in `window`.

        Anyone can make a failed sign-in with a made-up e-mail; without a cap a script
        could grow the audit log without bound. Returns whether the entry was written.
        """
        since = utcnow() - window
        with self._session() as session:
            recent = session.scalar(
                select(func.count(AuditRow.id)).where(
                    AuditRow.action == action, AuditRow.actor_id.is_(None), AuditRow.at >= since
                )
            )
            if int(recent or 0) >= limit:
                return False
            session.add(self._audit_row(None, action, target, None))
            session.commit()
            return True

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

    # shared helpers for people's data ------------------------------------------

    @staticmethod
    def _require_staff(session: Session, actor: User | None) -> UserRow:
        """The actor's current account, if it is an active HR or admin account.

        Read from the database, not from the record the page holds, so a role taken
        away a minute ago is no longer honoured.
        """
        row = session.get(UserRow, actor.id) if actor is not None else None
        if row is None or not row.active or row.role not in STAFF_ROLES:
            raise PermissionDenied("this needs an active HR or admin account")
        return row

    @staticmethod
    def _commit_for(session: Session, user: User) -> None:
        """Commit; a missing account (foreign key) becomes UnknownUser.

        Any other conflict is the same person saving twice at once (two tabs).
        """
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            if session.get(UserRow, user.id) is None:
                raise UnknownUser(user.id) from None
            raise ConcurrentChange("saved at the same moment elsewhere; try again") from None

    def _group_size(self, requested: int | None) -> int:
        # A page may ask for a stricter view, never for a weaker one than the setting.
        configured = self.min_group_size()
        if requested is None:
            return configured
        return max(configured, int(requested))

    # consent ---------------------------------------------------------------

    def record_consent(
        self,
        user: User,
        purpose: str,
        text_version: str,
        given: bool,
        *,
        at: datetime | None = None,
    ) -> ConsentRecord:
        """Append a consent (given=True) or withdrawal (given=False) to the history."""
        row = ConsentRow(
            user_id=user.id,
            purpose=_purpose(purpose),
            text_version=_short_text(text_version, "consent text version"),
            given=bool(given),
            at=at or utcnow(),
        )
        with self._session() as session:
            session.add(row)
            self._commit_for(session, user)
            return _consent(row)

    def latest_consent(self, user: User, purpose: str) -> ConsentRecord | None:
        """The most recent choice for `purpose`; None when the user was never asked."""
        with self._session() as session:
            row = self._latest_consent_row(session, user.id, _purpose(purpose))
            return _consent(row) if row else None

    def has_consent(self, user: User, purpose: str) -> bool:
        latest = self.latest_consent(user, purpose)
        return latest is not None and latest.given

    def list_consents(self, user: User) -> list[ConsentRecord]:
        """The user's whole consent history, oldest first."""
        query = (
            select(ConsentRow)
            .where(ConsentRow.user_id == user.id)
            .order_by(ConsentRow.at, ConsentRow.id)
        )
        with self._session() as session:
            return [_consent(row) for row in session.scalars(query)]

    @staticmethod
    def _latest_consent_row(session: Session, user_id: int, purpose: str) -> ConsentRow | None:
        return session.scalars(
            select(ConsentRow)
            .where(ConsentRow.user_id == user_id, ConsentRow.purpose == purpose)
            .order_by(ConsentRow.at.desc(), ConsentRow.id.desc())
            .limit(1)
        ).first()

    # the employee's own scan (never readable through an HR method) -----------

    def save_my_scan(
        self,
        user: User,
        source: str,
        posts: Sequence[Mapping[str, Any]],
        results: Sequence[Mapping[str, Any]],
        dossier: Mapping[str, Any],
        *,
        now: datetime | None = None,
    ) -> int:
        """Store the user's posts, results and dossier, replacing their previous scan.

        Returns the new scan id. The stored time starts the retention period.
        """
        posts_json = _json_list(posts, "posts", MAX_SCAN_CHARS)
        results_json = _json_list(results, "results", MAX_SCAN_CHARS)
        dossier_json = _json_mapping(dossier, "dossier", MAX_SCAN_CHARS)
        row = MyScanRow(
            user_id=user.id,
            source=_short_text(source, "source"),
            posts=posts_json,
            results=results_json,
            dossier=dossier_json,
            post_count=len(posts_json),
            saved_at=now or utcnow(),
        )
        with self._session() as session:
            session.execute(delete(MyScanRow).where(MyScanRow.user_id == user.id))
            session.add(row)
            self._commit_for(session, user)
            return row.id

    def load_my_scan(self, user: User, *, now: datetime | None = None) -> MyScan | None:
        """The user's current scan; None when there is none or it is past retention."""
        retention = timedelta(days=self.retention_days())
        with self._session() as session:
            row = session.scalars(select(MyScanRow).where(MyScanRow.user_id == user.id)).first()
            if row is None or row.saved_at + retention <= (now or utcnow()):
                return None
            return MyScan(
                id=row.id,
                user_id=row.user_id,
                source=row.source,
                posts=row.posts,
                results=row.results,
                dossier=row.dossier,
                saved_at=row.saved_at,
                expires_at=row.saved_at + retention,
            )

    def delete_my_data(self, user: User) -> DeletedData:
        """Remove the user's posts, results, dossier, shared counts and saved self-checks.

        All at once, in one transaction. Consent records stay (they prove what was
        agreed and withdrawn); if counts were shared, a withdrawal is recorded.
        Training progress and certificates are not part of this data and stay.
        """
        with self._session() as session:
            scan = session.scalars(select(MyScanRow).where(MyScanRow.user_id == user.id)).first()
            posts = scan.post_count if scan else 0
            results = len(scan.results) if scan else 0
            dossiers = 1 if scan else 0
            if scan is not None:
                session.delete(scan)
            shared = self._delete_shared(session, user, text_version=None)
            self_checks = _rowcount(
                session.execute(delete(SelfCheckRow).where(SelfCheckRow.user_id == user.id))
            )
            self._commit_for(session, user)
            kept = session.scalar(
                select(func.count()).select_from(ConsentRow).where(ConsentRow.user_id == user.id)
            )
            return DeletedData(posts, results, dossiers, shared, self_checks, int(kept or 0))

    def purge_expired(self, now: datetime | None = None) -> int:
        """Delete every scan stored longer ago than the retention period; returns posts removed."""
        cutoff = (now or utcnow()) - timedelta(days=self.retention_days())
        with self._session() as session:
            expired = session.execute(
                select(MyScanRow.id, MyScanRow.post_count).where(MyScanRow.saved_at <= cutoff)
            ).all()
            if not expired:
                return 0
            session.execute(delete(MyScanRow).where(MyScanRow.id.in_([i for i, _ in expired])))
            posts = sum(count for _, count in expired)
            session.add(
                self._audit_row(
                    None,
                    "expired_data_purged",
                    None,
                    f"scans={len(expired)} posts={posts} retention_days={self.retention_days()}",
                )
            )
            session.commit()
            return posts

    # shared counts (opt-in) ------------------------------------------------

    def share_counts(
        self, user: User, department: str | None, counts: Mapping[str, int]
    ) -> MySharedCounts:
        """Replace what the user shares with HR. Needs their current consent to share."""
        cleaned = _label_counts(counts)
        department = _department(department)
        now = utcnow()
        with self._session() as session:
            consent = self._latest_consent_row(session, user.id, SHARE_PURPOSE)
            if consent is None or not consent.given:
                raise ConsentRequired(SHARE_PURPOSE)
            session.execute(delete(SharedCountRow).where(SharedCountRow.user_id == user.id))
            session.add_all(
                SharedCountRow(
                    user_id=user.id,
                    label=label,
                    department=department,
                    label_count=count,
                    shared_at=now,
                )
                for label, count in cleaned.items()
            )
            self._commit_for(session, user)
            return MySharedCounts(department, cleaned, now)

    def withdraw_share(self, user: User, text_version: str | None = None) -> int:
        """Delete what the user shared and record the withdrawal; returns labels deleted.

        `text_version` defaults to the version of the consent being withdrawn.
        """
        with self._session() as session:
            deleted = self._delete_shared(session, user, text_version=text_version, always=True)
            self._commit_for(session, user)
            return deleted

    def _delete_shared(
        self,
        session: Session,
        user: User,
        *,
        text_version: str | None,
        always: bool = False,
    ) -> int:
        deleted = _rowcount(
            session.execute(delete(SharedCountRow).where(SharedCountRow.user_id == user.id))
        )
        latest = self._latest_consent_row(session, user.id, SHARE_PURPOSE)
        if always or deleted or (latest is not None and latest.given):
            version = text_version or (latest.text_version if latest else "-")
            session.add(
                ConsentRow(
                    user_id=user.id,
                    purpose=SHARE_PURPOSE,
                    text_version=_short_text(version, "consent text version"),
                    given=False,
                    at=utcnow(),
                )
            )
        return deleted

    def my_shared_counts(self, user: User) -> MySharedCounts | None:
        """What this user currently shares; only ever shown to that user."""
        with self._session() as session:
            rows = session.scalars(
                select(SharedCountRow)
                .where(SharedCountRow.user_id == user.id)
                .order_by(SharedCountRow.label)
            ).all()
        if not rows:
            return None
        return MySharedCounts(
            department=rows[0].department,
            counts={row.label: row.label_count for row in rows},
            shared_at=max(row.shared_at for row in rows),
        )

    @staticmethod
    def _viewed_recently(session: Session, actor: User, detail: str) -> bool:
        """Whether this actor's same viewing is already in the audit log of the last minutes.

        A page shows the counts on every rerun (each click); one entry per visit is
        what an auditor needs, not one per click.
        """
        since = utcnow() - SHARED_COUNTS_AUDIT_WINDOW
        return (
            session.execute(
                select(AuditRow.id)
                .where(
                    AuditRow.actor_id == actor.id,
                    AuditRow.action == "shared_counts_viewed",
                    AuditRow.detail == detail,
                    AuditRow.at >= since,
                )
                .limit(1)
            ).first()
            is not None
        )

    def aggregated_shared_counts(
        self, min_group_size: int | None = None, *, actor: User | None = None
    ) -> SharedCountsSummary:
        """Shared counts per department and overall, for HR.

        Departments with fewer than the minimum number of distinct people are hidden,
        not rounded. Because the overall total is shown as well, the smallest visible
        departments are hidden too until the hidden ones together reach the minimum;
        otherwise total minus the visible departments would reveal a small group.
        With an `actor`, the viewing is checked (HR/admin) and written to the audit log.
        """
        minimum = self._group_size(min_group_size)
        with self._session() as session:
            if actor is not None:
                self._require_staff(session, actor)
            rows = session.execute(
                select(
                    SharedCountRow.user_id,
                    SharedCountRow.department,
                    SharedCountRow.label,
                    SharedCountRow.label_count,
                )
            ).all()
            detail = f"min_group_size={minimum}"
            if actor is not None and not self._viewed_recently(session, actor, detail):
                session.add(self._audit_row(actor, "shared_counts_viewed", None, detail))
                session.commit()
        people: dict[str | None, set[int]] = defaultdict(set)
        sums: dict[str | None, Counter[str]] = defaultdict(Counter)
        for user_id, department, label, count in rows:
            people[department].add(user_id)
            sums[department][label] += count

        def group(name: str | None, departments: Sequence[str | None]) -> SharedCountsGroup:
            total: Counter[str] = Counter()
            for department in departments:
                total.update(sums[department])
            members = sum(len(people[department]) for department in departments)
            return SharedCountsGroup(name, members, dict(sorted(total.items())))

        named = [d for d in people if d is not None and len(people[d]) >= minimum]
        visible = sorted(named, key=lambda d: (-len(people[d]), d or ""))
        hidden = [d for d in people if d not in visible]
        while hidden and sum(len(people[d]) for d in hidden) < minimum and visible:
            hidden.append(visible.pop())  # the smallest visible department
        other = group(None, hidden) if hidden else None
        everyone = group(None, list(people))
        return SharedCountsSummary(
            min_group_size=minimum,
            departments=tuple(group(d, [d]) for d in visible),
            other=other if other is not None and other.people >= minimum else None,
            hidden_departments=len(hidden),
            total=everyone if everyone.people >= minimum else None,
        )

    # saved self-checks (only when the employee chooses) -------------------------

    def save_self_check(self, user: User, text: str, result: Mapping[str, Any]) -> SelfCheck:
        row = SelfCheckRow(
            user_id=user.id,
            text=_long_text(text, "self-check text", MAX_SELF_CHECK_CHARS),
            result=_json_mapping(result, "self-check result", MAX_DOCUMENT_CHARS),
            saved_at=utcnow(),
        )
        with self._session() as session:
            session.add(row)
            self._commit_for(session, user)
            return _self_check(row)

    def list_self_checks(self, user: User) -> list[SelfCheck]:
        """The user's saved self-checks, newest first."""
        query = (
            select(SelfCheckRow)
            .where(SelfCheckRow.user_id == user.id)
            .order_by(SelfCheckRow.saved_at.desc(), SelfCheckRow.id.desc())
        )
        with self._session() as session:
            return [_self_check(row) for row in session.scalars(query)]

    def delete_self_check(self, user: User, self_check_id: int) -> bool:
        """Delete one of the user's own saved checks; False when it is not theirs or gone."""
        with self._session() as session:
            deleted = _rowcount(
                session.execute(
                    delete(SelfCheckRow).where(
                        SelfCheckRow.id == self_check_id, SelfCheckRow.user_id == user.id
                    )
                )
            )
            session.commit()
            return deleted > 0

    # training ----------------------------------------------------------------

    def save_training_progress(
        self, user: User, module_id: str, progress: Mapping[str, Any]
    ) -> None:
        """Store the learner's progress in a module, replacing what was saved before."""
        module_id = _short_text(module_id, "module id")
        document = _json_mapping(progress, "training progress", MAX_DOCUMENT_CHARS)
        for _ in range(2):  # a second try when another session inserted the row meanwhile
            with self._session() as session:
                row = session.get(TrainingProgressRow, (user.id, module_id))
                if row is None:
                    session.add(
                        TrainingProgressRow(
                            user_id=user.id,
                            module_id=module_id,
                            progress=document,
                            updated_at=utcnow(),
                        )
                    )
                else:
                    row.progress, row.updated_at = document, utcnow()
                try:
                    session.commit()
                    return
                except IntegrityError:
                    session.rollback()
                    if session.get(UserRow, user.id) is None:
                        raise UnknownUser(user.id) from None
        raise ConcurrentChange("training progress could not be saved; try again")

    def load_training_progress(self, user: User, module_id: str) -> dict[str, Any] | None:
        with self._session() as session:
            row = session.get(TrainingProgressRow, (user.id, module_id))
            return row.progress if row else None

    def load_all_training_progress(self, user: User) -> dict[str, dict[str, Any]]:
        """Saved progress per module id."""
        query = select(TrainingProgressRow).where(TrainingProgressRow.user_id == user.id)
        with self._session() as session:
            return {row.module_id: row.progress for row in session.scalars(query)}

    def record_attempt(
        self,
        user: User,
        module_id: str,
        score: float,
        passed: bool,
        at: datetime | None = None,
    ) -> TrainingAttempt:
        """Keep a finished attempt; `score` is the fraction 0..1."""
        if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
            raise InvalidData(f"score must be a number from 0 to 1, got {score!r}")
        row = TrainingAttemptRow(
            user_id=user.id,
            module_id=_short_text(module_id, "module id"),
            score=float(score),
            passed=bool(passed),
            at=at or utcnow(),
        )
        with self._session() as session:
            session.add(row)
            self._commit_for(session, user)
            return _attempt(row)

    def list_attempts(self, user: User, module_id: str | None = None) -> list[TrainingAttempt]:
        """The learner's own finished attempts, oldest first; for the learner only."""
        query = select(TrainingAttemptRow).where(TrainingAttemptRow.user_id == user.id)
        if module_id is not None:
            query = query.where(TrainingAttemptRow.module_id == module_id)
        query = query.order_by(TrainingAttemptRow.at, TrainingAttemptRow.id)
        with self._session() as session:
            return [_attempt(row) for row in session.scalars(query)]

    def issue_certificate(
        self,
        user: User,
        code: str,
        modules: Sequence[str],
        issued_at: date,
        expires_at: date,
    ) -> CertificateRecord:
        """Store a certificate. Raises DuplicateCertificateCode when the code is taken."""
        code = _certificate_code(code)
        issued, expires = _as_date(issued_at, "issued_at"), _as_date(expires_at, "expires_at")
        if expires <= issued:
            raise InvalidData("a certificate must expire after the day it is issued")
        titles = [_short_text(m, "module", limit=200) for m in modules]
        if not titles:
            raise InvalidData("a certificate names at least one module")
        row = CertificateRow(
            user_id=user.id, code=code, modules=titles, issued_at=issued, expires_at=expires
        )
        with self._session() as session:
            holder = session.get(UserRow, user.id)
            if holder is None:
                raise UnknownUser(user.id)
            if session.scalar(select(CertificateRow.id).where(CertificateRow.code == code)):
                raise DuplicateCertificateCode(code)
            session.add(row)
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
                raise DuplicateCertificateCode(code) from None
            return _certificate(row, holder)

    def find_certificate(self, actor: User, code: str) -> CertificateRecord | None:
        """Look up a verification code (HR/admin); the lookup is audited."""
        wanted = code.strip().upper()[:MAX_CERTIFICATE_CODE_CHARS] if isinstance(code, str) else ""
        with self._session() as session:
            self._require_staff(session, actor)
            found = session.execute(
                select(CertificateRow, UserRow)
                .join(UserRow, UserRow.id == CertificateRow.user_id)
                .where(CertificateRow.code == wanted)
            ).first()
            detail = f"holder {found[1].email}" if found else "not found"
            session.add(self._audit_row(actor, "certificate_looked_up", wanted, detail))
            session.commit()
            return _certificate(found[0], found[1]) if found else None

    def latest_certificate(self, user: User) -> CertificateRecord | None:
        """The user's most recently issued certificate."""
        with self._session() as session:
            found = session.execute(
                select(CertificateRow, UserRow)
                .join(UserRow, UserRow.id == CertificateRow.user_id)
                .where(CertificateRow.user_id == user.id)
                .order_by(CertificateRow.issued_at.desc(), CertificateRow.id.desc())
                .limit(1)
            ).first()
            return _certificate(found[0], found[1]) if found else None

    def training_overview(self, actor: User) -> list[TrainingStatus]:
        """Per active account: modules passed and certificate expiry (no scores). Audited."""
        with self._session() as session:
            self._require_staff(session, actor)
            users = session.scalars(
                select(UserRow)
                .where(UserRow.active.is_(True))
                .order_by(UserRow.name, UserRow.email)
            ).all()
            passed = session.execute(
                select(
                    TrainingAttemptRow.user_id,
                    TrainingAttemptRow.module_id,
                    func.max(TrainingAttemptRow.at),
                )
                .where(TrainingAttemptRow.passed.is_(True))
                .group_by(TrainingAttemptRow.user_id, TrainingAttemptRow.module_id)
            ).all()
            certificates = session.scalars(
                select(CertificateRow).order_by(CertificateRow.issued_at, CertificateRow.id)
            ).all()
            session.add(self._audit_row(actor, "training_overview_viewed", None, None))
            session.commit()
        modules: dict[int, set[str]] = defaultdict(set)
        last_passed: dict[int, datetime] = {}
        for user_id, module_id, at in passed:
            modules[user_id].add(module_id)
            if at is not None and (user_id not in last_passed or at > last_passed[user_id]):
                last_passed[user_id] = at
        latest = {row.user_id: row for row in certificates}  # ordered, so the last one wins
        return [
            TrainingStatus(
                user_id=row.id,
                name=row.name,
                email=row.email,
                department=row.department,
                role=row.role,
                modules_passed=tuple(sorted(modules[row.id])),
                last_passed_at=last_passed.get(row.id),
                certificate_issued_at=latest[row.id].issued_at if row.id in latest else None,
                certificate_expires_at=latest[row.id].expires_at if row.id in latest else None,
            )
            for row in users
        ]

    def department_scores(
        self, actor: User, min_group_size: int | None = None
    ) -> list[DepartmentScores]:
        """Training scores per department of active accounts, small groups hidden. Audited.

        A department shows figures only with at least the minimum number of people,
        and an average only when that many people have a score for it: otherwise
        the few who took a module would be singled out.
        """
        minimum = self._group_size(min_group_size)
        with self._session() as session:
            self._require_staff(session, actor)
            members = session.execute(
                select(UserRow.id, UserRow.department).where(UserRow.active.is_(True))
            ).all()
            best = session.execute(
                select(
                    TrainingAttemptRow.user_id,
                    TrainingAttemptRow.module_id,
                    func.max(TrainingAttemptRow.score),
                ).group_by(TrainingAttemptRow.user_id, TrainingAttemptRow.module_id)
            ).all()
            session.add(
                self._audit_row(actor, "training_scores_viewed", None, f"min_group_size={minimum}")
            )
            session.commit()
        groups: dict[str | None, list[int]] = defaultdict(list)
        for user_id, department in members:
            groups[_department(department)].append(user_id)
        scores: dict[int, dict[str, float]] = defaultdict(dict)
        for user_id, module_id, score in best:
            scores[user_id][module_id] = float(score)
        module_ids = sorted({m for uid, _ in members for m in scores.get(uid, {})})

        summaries = []
        for department in sorted(groups, key=lambda d: (d is None, (d or "").casefold())):
            ids = groups[department]
            if len(ids) < minimum:
                summaries.append(DepartmentScores(department, True, None, None, None, {}))
                continue
            scored = [scores[uid] for uid in ids if scores.get(uid)]
            personal = [sum(s.values()) / len(s) for s in scored]
            summaries.append(
                DepartmentScores(
                    department=department,
                    hidden=False,
                    employees=len(ids),
                    scored=len(scored),
                    average_score=_mean_or_none(personal, minimum),
                    module_averages={
                        m: _mean_or_none([s[m] for s in scored if m in s], minimum)
                        for m in module_ids
                    },
                )
            )
        return summaries

    # company profile ---------------------------------------------------------

    def save_profile(self, actor: User, document: Mapping[str, Any]) -> int:
        """Store a new version of the company profile; returns its version number."""
        content = _json_mapping(document, "company profile", MAX_DOCUMENT_CHARS)
        for _ in range(3):  # two HR users saving at the same moment both get a version
            with self._session() as session:
                self._require_staff(session, actor)
                version = (session.scalar(select(func.max(ProfileVersionRow.version))) or 0) + 1
                session.add(
                    ProfileVersionRow(
                        version=version,
                        document=content,
                        saved_at=utcnow(),
                        saved_by_id=actor.id,
                        saved_by_email=actor.email,
                    )
                )
                session.add(
                    self._audit_row(actor, "profile_saved", "company profile", f"version {version}")
                )
                try:
                    session.commit()
                    return version
                except IntegrityError:
                    session.rollback()
        raise ConcurrentChange("the company profile could not be saved; try again")

    def current_profile(self) -> ProfileVersion | None:
        with self._session() as session:
            row = session.scalars(
                select(ProfileVersionRow).order_by(ProfileVersionRow.version.desc()).limit(1)
            ).first()
            return _profile_version(row) if row else None

    def get_profile_version(self, version: int) -> ProfileVersion | None:
        with self._session() as session:
            row = session.get(ProfileVersionRow, version)
            return _profile_version(row) if row else None

    def list_profile_versions(self) -> list[ProfileVersion]:
        """Every saved version, newest first."""
        query = select(ProfileVersionRow).order_by(ProfileVersionRow.version.desc())
        with self._session() as session:
            return [_profile_version(row) for row in session.scalars(query)]

    # conduct rule sets -------------------------------------------------------

    def save_ruleset_draft(self, actor: User, document: Mapping[str, Any]) -> RuleSetDraft:
        """Store the one current draft, replacing the previous one."""
        content = _json_mapping(document, "rule set draft", MAX_DOCUMENT_CHARS)
        for _ in range(2):
            with self._session() as session:
                self._require_staff(session, actor)
                now = utcnow()
                row = session.get(RuleSetDraftRow, RULESET_DRAFT_ID)
                if row is None:
                    row = RuleSetDraftRow(id=RULESET_DRAFT_ID)
                    session.add(row)
                row.document, row.saved_at = content, now
                row.saved_by_id, row.saved_by_email = actor.id, actor.email
                session.add(self._audit_row(actor, "ruleset_draft_saved", "conduct rules", None))
                try:
                    session.commit()
                    return RuleSetDraft(content, now, actor.email)
                except IntegrityError:
                    session.rollback()
        raise ConcurrentChange("the draft could not be saved; try again")

    def load_ruleset_draft(self) -> RuleSetDraft | None:
        with self._session() as session:
            row = session.get(RuleSetDraftRow, RULESET_DRAFT_ID)
            return RuleSetDraft(row.document, row.saved_at, row.saved_by_email) if row else None

    def discard_ruleset_draft(self, actor: User) -> bool:
        """Throw the current draft away; False when there was none."""
        with self._session() as session:
            self._require_staff(session, actor)
            deleted = _rowcount(
                session.execute(
                    delete(RuleSetDraftRow).where(RuleSetDraftRow.id == RULESET_DRAFT_ID)
                )
            )
            if deleted:
                session.add(
                    self._audit_row(actor, "ruleset_draft_discarded", "conduct rules", None)
                )
            session.commit()
            return deleted > 0

    def publish_ruleset(
        self,
        actor: User,
        version: int,
        document: Mapping[str, Any],
        *,
        clear_draft: bool = True,
    ) -> PublishedRuleSet:
        """Store a published version, which can never change afterwards.

        Raises RuleSetVersionExists when `version` was published before. The current
        draft is removed in the same transaction unless `clear_draft` is False.
        """
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise InvalidData(f"version must be a whole number from 1, got {version!r}")
        content = _json_mapping(document, "published rule set", MAX_DOCUMENT_CHARS)
        if content.get("version", version) != version:
            raise InvalidData(f"the document says version {content['version']!r}, not {version}")
        with self._session() as session:
            self._require_staff(session, actor)
            if session.get(PublishedRuleSetRow, version) is not None:
                raise RuleSetVersionExists(version)
            row = PublishedRuleSetRow(
                version=version,
                document=content,
                published_at=utcnow(),
                published_by_id=actor.id,
                published_by_email=actor.email,
            )
            session.add(row)
            if clear_draft:
                session.execute(
                    delete(RuleSetDraftRow).where(RuleSetDraftRow.id == RULESET_DRAFT_ID)
                )
            session.add(
                self._audit_row(actor, "ruleset_published", "conduct rules", f"version {version}")
            )
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
                raise RuleSetVersionExists(version) from None
            return _published(row)

    def list_published_rulesets(self) -> list[PublishedRuleSet]:
        """Every published version, newest first."""
        query = select(PublishedRuleSetRow).order_by(PublishedRuleSetRow.version.desc())
        with self._session() as session:
            return [_published(row) for row in session.scalars(query)]

    def get_published_ruleset(self, version: int) -> PublishedRuleSet | None:
        with self._session() as session:
            row = session.get(PublishedRuleSetRow, version)
            return _published(row) if row else None

    def latest_published_ruleset(self) -> PublishedRuleSet | None:
        with self._session() as session:
            row = session.scalars(
                select(PublishedRuleSetRow).order_by(PublishedRuleSetRow.version.desc()).limit(1)
            ).first()
            return _published(row) if row else None

    def acknowledge_ruleset(self, user: User, version: int) -> Acknowledgement:
        """Record that the user read and accepted `version`; repeating it changes nothing."""
        for _ in range(2):
            with self._session() as session:
                holder = session.get(UserRow, user.id)
                if holder is None:
                    raise UnknownUser(user.id)
                if session.get(PublishedRuleSetRow, version) is None:
                    raise UnknownRuleSetVersion(version)
                row = session.get(AcknowledgementRow, (user.id, version))
                if row is not None:
                    return _acknowledgement(row, holder)
                row = AcknowledgementRow(user_id=user.id, version=version, acknowledged_at=utcnow())
                session.add(row)
                try:
                    session.commit()
                    return _acknowledgement(row, holder)
                except IntegrityError:
                    session.rollback()  # acknowledged in another tab a moment ago
        raise ConcurrentChange("the acknowledgement could not be stored; try again")

    def has_acknowledged(self, user: User, version: int) -> bool:
        with self._session() as session:
            return session.get(AcknowledgementRow, (user.id, version)) is not None

    def acknowledgements(self, actor: User, version: int) -> list[Acknowledgement]:
        """Who acknowledged `version` and when, by name (HR's job). Audited."""
        with self._session() as session:
            self._require_staff(session, actor)
            rows = session.execute(
                select(AcknowledgementRow, UserRow)
                .join(UserRow, UserRow.id == AcknowledgementRow.user_id)
                .where(AcknowledgementRow.version == version)
                .order_by(UserRow.name, UserRow.email)
            ).all()
            result = [_acknowledgement(ack, user) for ack, user in rows]
            session.add(
                self._audit_row(
                    actor, "acknowledgements_viewed", "conduct rules", f"version {version}"
                )
            )
            session.commit()
            return result


_SETTING_RANGES: dict[str, tuple[int, int]] = {
    "retention_days": RETENTION_DAYS_RANGE,
    "min_group_size": (MIN_GROUP_SIZE_FLOOR, MIN_GROUP_SIZE_CEILING),
    "certificate_valid_months": CERTIFICATE_VALID_MONTHS_RANGE,
    "certificate_warn_days": CERTIFICATE_WARN_DAYS_RANGE,
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


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def _purpose(purpose: str) -> str:
    if purpose not in CONSENT_PURPOSES:
        raise InvalidData(f"unknown consent purpose {purpose!r}; one of {CONSENT_PURPOSES}")
    return purpose


def _short_text(value: object, what: str, *, limit: int = MAX_ID_CHARS) -> str:
    """A non-empty one-line identifier or title of at most `limit` characters."""
    if not isinstance(value, str):
        raise InvalidData(f"{what} must be text, got {type(value).__name__}")
    text = " ".join(value.replace("\x00", "").split())
    if not text or len(text) > limit:
        raise InvalidData(f"{what} must be 1 to {limit} characters, got {value[:80]!r}")
    return text


def _long_text(value: object, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise InvalidData(f"{what} must be text, got {type(value).__name__}")
    # PostgreSQL text cannot hold NUL characters; they carry no meaning in a post.
    text = value.replace("\x00", "")
    if len(text) > limit:
        raise InvalidData(f"{what} is too long ({len(text)} characters, at most {limit})")
    return text


def _department(value: str | None) -> str | None:
    """Departments are compared trimmed; an empty one is no department."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidData(f"department must be text, got {type(value).__name__}")
    text = " ".join(value.replace("\x00", "").split())[:200]
    return text or None


def _json_copy(value: Any, what: str, limit: int) -> Any:
    """A detached, JSON-only copy of `value`; refuses what JSON cannot hold or what is too big."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidData(f"{what} cannot be stored as JSON: {exc}") from None
    if len(text) > limit:
        raise InvalidData(f"{what} is too large ({len(text)} characters, at most {limit})")
    # NUL inside JSON text is escaped (\u0000), which PostgreSQL's json type accepts.
    return json.loads(text)


def _json_mapping(value: Any, what: str, limit: int) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidData(f"{what} must be a mapping, got {type(value).__name__}")
    return _json_copy(dict(value), what, limit)


def _json_list(value: Any, what: str, limit: int) -> list[Any]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
        raise InvalidData(f"{what} must be a list, got {type(value).__name__}")
    if not all(isinstance(item, Mapping) for item in value):
        raise InvalidData(f"every item of {what} must be a mapping")
    return _json_copy([dict(item) for item in value], what, limit)


def _label_counts(counts: Any) -> dict[str, int]:
    if not isinstance(counts, Mapping):
        raise InvalidData(
            f"counts must be a mapping of label to number, got {type(counts).__name__}"
        )
    if len(counts) > MAX_SHARED_LABELS:
        raise InvalidData(f"at most {MAX_SHARED_LABELS} labels can be shared")
    cleaned: dict[str, int] = {}
    for label, count in counts.items():
        label = _short_text(label, "label")
        if isinstance(count, bool) or not isinstance(count, int):
            raise InvalidData(f"count for {label} must be a whole number, got {count!r}")
        if not 0 <= count <= MAX_SHARED_COUNT:
            raise InvalidData(f"count for {label} must be from 0 to {MAX_SHARED_COUNT}")
        cleaned[label] = count
    return dict(sorted(cleaned.items()))


def _certificate_code(code: object) -> str:
    if not isinstance(code, str):
        raise InvalidData("the certificate code must be text")
    text = code.strip().upper()
    if not text or len(text) > MAX_CERTIFICATE_CODE_CHARS or any(c.isspace() for c in text):
        raise InvalidData(f"not a usable certificate code: {code[:40]!r}")
    return text


def _as_date(value: object, what: str) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise InvalidData(f"{what}: naive datetime; pass a date or an aware datetime")
        return value.astimezone(UTC).date()
    if isinstance(value, date):
        return value
    raise InvalidData(f"{what} must be a date, got {type(value).__name__}")


def _mean_or_none(values: Sequence[float], minimum: int) -> float | None:
    if len(values) < minimum:
        return None
    return round(sum(values) / len(values), 4)


def open_storage(settings: Settings | None = None) -> Storage:
    """The one call the app makes: create the data directory, connect, migrate."""
    settings = settings if settings is not None else get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    storage = Storage(settings.database_url, settings=settings)
    storage.migrate()
    # Retention holds from the moment the app starts, even if nobody opens My exposure.
    storage.purge_expired()
    return storage
