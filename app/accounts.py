"""Account rules: passwords, first run, sign-in with lock-out, roles and admin actions.

No UI here. Every refusal is an `AccountError` whose `key` is a message key of
app/locales/<lang>/accounts.yaml and whose `params` fill that message's template.
Admin actions re-read the acting account from storage, so a role taken away a
minute ago no longer works, whatever a browser session still believes.
"""

from __future__ import annotations

import math
import re
import secrets
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.config import Settings
from app.storage import (
    CERTIFICATE_VALID_MONTHS_RANGE,
    CERTIFICATE_WARN_DAYS_RANGE,
    MIN_GROUP_SIZE_CEILING,
    MIN_GROUP_SIZE_FLOOR,
    RETENTION_DAYS_RANGE,
    DuplicateEmail,
    InvalidSetting,
    SetupAlreadyDone,
    Storage,
    UnknownUser,
    User,
    normalize_email,
    utcnow,
)

ROLES: tuple[str, ...] = ("employee", "hr", "admin")
LANGS: tuple[str, ...] = ("nl", "en")

# Names a role may be given in (CSV files, forms), in either language.
ROLE_ALIASES: dict[str, str] = {
    "employee": "employee",
    "medewerker": "employee",
    "werknemer": "employee",
    "hr": "hr",
    "personeelszaken": "hr",
    "admin": "admin",
    "administrator": "admin",
    "beheerder": "admin",
}

MAX_PASSWORD_LENGTH = 256  # far above any passphrase; keeps hashing cost bounded
MAX_NAME_LENGTH = 200
MAX_DEPARTMENT_LENGTH = 200
MAX_EMAIL_LENGTH = 254
# Failed sign-ins with unknown e-mails are logged up to this many per window, so a
# script trying made-up addresses cannot grow the audit log without bound.
UNKNOWN_EMAIL_AUDIT_LIMIT = 100
UNKNOWN_EMAIL_AUDIT_WINDOW = timedelta(hours=1)

# Sign-in failures before the growing delay starts, and its ceiling in seconds.
DELAY_AFTER_FAILURES = 3
MAX_DELAY_SECONDS = 300

# Human passwords need a memory-hard hash (argon2id, RFC 9106 defaults of argon2-cffi).
_HASHER = PasswordHasher()
# Generated one-time passwords carry about 80 random bits, which no amount of
# guessing reaches, so a light argon2 profile keeps a 5000-person import quick.
# They are replaced at first sign-in anyway.
_ONE_TIME_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
# No 0/O, 1/l/I: one-time passwords are read off a screen and typed in.
_ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_ONE_TIME_LETTERS = 16

_EMAIL_RE = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


class AccountError(Exception):
    """A refused account action; `key` is a message key, `params` fill its template."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(f"{key} {params}" if params else key)
        self.key = key
        self.params = params


# passwords -------------------------------------------------------------------


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; any malformed or missing hash is simply False."""
    if not password_hash:
        return False
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(24))


def generate_one_time_password(length: int = _ONE_TIME_LETTERS) -> str:
    """Random letters and digits in groups of four, e.g. "k7qm-3xpa-9wte-hn4c"."""
    letters = "".join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(length))
    return "-".join(letters[i : i + 4] for i in range(0, length, 4))


def new_one_time_password(settings: Settings) -> tuple[str, str]:
    """A fresh one-time password that passes the password rules, and its hash."""
    letters = max(_ONE_TIME_LETTERS, settings.min_password_length)
    password = generate_one_time_password(letters)
    return password, _ONE_TIME_HASHER.hash(password)


def password_rule_params(settings: Settings) -> dict[str, int]:
    """Template parameters for the password messages (e.g. to show the minimum length)."""
    return {"min_length": settings.min_password_length, "max_length": MAX_PASSWORD_LENGTH}


def password_problems(password: str, settings: Settings, *, email: str | None = None) -> list[str]:
    """Message keys of the rules `password` breaks; empty when it is acceptable.

    The rules, kept few on purpose (length matters more than composition rules):
    - at least `settings.min_password_length` characters, at most 256;
    - not one character repeated ("aaaaaaaaaaaa");
    - not the account's e-mail address or the part before the @ (when `email` is given).
    The templates of these keys take the parameters of `password_rule_params`.
    """
    problems: list[str] = []
    if len(password) < settings.min_password_length:
        problems.append("accounts.password_too_short")
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append("accounts.password_too_long")
    if password and len(set(password)) == 1:
        problems.append("accounts.password_one_character")
    if email:
        address = normalize_email(email)
        lowered = password.strip().lower()
        if lowered and lowered in (address, address.split("@", 1)[0]):
            problems.append("accounts.password_is_email")
    return problems


def _check_password(password: str, settings: Settings, email: str | None) -> None:
    problems = password_problems(password, settings, email=email)
    if problems:
        raise AccountError(problems[0], **password_rule_params(settings))


# field rules -------------------------------------------------------------------


def is_valid_email(email: str) -> bool:
    """A plain syntax check (name@domain.tld, ASCII); the address is never contacted."""
    email = email.strip()
    if len(email) > MAX_EMAIL_LENGTH or not _EMAIL_RE.fullmatch(email):
        return False
    return len(email.split("@", 1)[0]) <= 64


def parse_role(text: str) -> str | None:
    """The role named by `text` in Dutch or English (any case), or None."""
    return ROLE_ALIASES.get(text.strip().lower())


def _clean_email(email: str) -> str:
    if not email.strip():
        raise AccountError("accounts.email_required")
    if not is_valid_email(email):
        raise AccountError("accounts.email_invalid", email=email.strip()[:MAX_EMAIL_LENGTH])
    return normalize_email(email)


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise AccountError("accounts.name_required")
    if len(name) > MAX_NAME_LENGTH:
        raise AccountError("accounts.name_too_long", max=MAX_NAME_LENGTH)
    return name


def _clean_department(department: str | None) -> str | None:
    department = " ".join((department or "").split())
    if len(department) > MAX_DEPARTMENT_LENGTH:
        raise AccountError("accounts.department_too_long", max=MAX_DEPARTMENT_LENGTH)
    return department or None


def _clean_role(role: str) -> str:
    parsed = parse_role(role)
    if parsed is None:
        raise AccountError("accounts.unknown_role", role=role, roles=", ".join(ROLES))
    return parsed


def _clean_lang(lang: str) -> str:
    if lang not in LANGS:
        raise AccountError("accounts.unknown_language", lang=lang)
    return lang


# first run and sign-in -------------------------------------------------------------


def needs_first_run(storage: Storage) -> bool:
    """True while no account exists; the app then shows the first-run screen."""
    return storage.count_users() == 0


def create_first_admin(
    storage: Storage, *, email: str, name: str, password: str, lang: str = "nl"
) -> User:
    """Create the first account, an admin; refused once any account exists."""
    if not needs_first_run(storage):
        raise AccountError("accounts.first_run_done")
    email = _clean_email(email)
    name = _clean_name(name)
    lang = _clean_lang(lang)
    _check_password(password, storage.settings, email)
    try:
        user = storage.add_first_user(
            email=email, name=name, role="admin", lang=lang, password_hash=hash_password(password)
        )
    except SetupAlreadyDone:
        raise AccountError("accounts.first_run_done") from None
    storage.audit(user, "first_admin_created", target=user.email)
    return user


def failure_delay_seconds(failures: int) -> int:
    """Seconds to wait after `failures` consecutive wrong passwords: 0, 0, 1, 2, 4 ... 300."""
    if failures < DELAY_AFTER_FAILURES:
        return 0
    return min(2 ** (failures - DELAY_AFTER_FAILURES), MAX_DELAY_SECONDS)


def _ceil_seconds(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))


def authenticate(
    storage: Storage, email: str, password: str, *, now: datetime | None = None
) -> User:
    """The account for `email` when `password` is right; otherwise an AccountError.

    - unknown e-mail and wrong password both give "accounts.wrong_credentials"
      (a dummy hash is checked for an unknown e-mail so both take as long);
    - from the third consecutive failure a growing wait is enforced
      ("accounts.wait", seconds), and after `max_failed_logins` failures the
      account is locked for `lockout_minutes` ("accounts.locked", minutes);
      the server never sleeps, it refuses until the time has passed;
    - a deactivated account with the right password gives "accounts.inactive";
    - success clears the failure count and records the sign-in time.
    """
    now = now or utcnow()
    settings = storage.settings
    user = storage.get_user_by_email(email) if len(email) <= MAX_EMAIL_LENGTH else None
    if user is None:
        verify_password(_dummy_hash(), password)
        storage.audit_capped(
            "sign_in_failed",
            email.strip()[:MAX_EMAIL_LENGTH],
            limit=UNKNOWN_EMAIL_AUDIT_LIMIT,
            window=UNKNOWN_EMAIL_AUDIT_WINDOW,
        )
        raise AccountError("accounts.wrong_credentials")

    locked = user.failed_logins >= settings.max_failed_logins
    if user.locked_until is not None and now < user.locked_until:
        remaining = user.locked_until - now
        if locked:
            raise AccountError("accounts.locked", minutes=math.ceil(_ceil_seconds(remaining) / 60))
        raise AccountError("accounts.wait", seconds=_ceil_seconds(remaining))
    if locked:
        # The lock-out has run its course: a fresh series of attempts starts.
        user = storage.update_user(user.id, failed_logins=0, locked_until=None)

    stored_hash = storage.password_hash(user.id)
    if not stored_hash:
        verify_password(_dummy_hash(), password)
    if not verify_password(stored_hash, password):
        _register_failure(storage, user, now)
        raise AccountError("accounts.wrong_credentials")  # _register_failure may raise locked

    if not user.active:
        storage.audit(None, "sign_in_refused", target=user.email, detail="inactive account")
        raise AccountError("accounts.inactive")
    updates: dict[str, object] = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
    if _HASHER.check_needs_rehash(stored_hash) and not user.must_change_password:
        updates["password_hash"] = hash_password(password)
    user = storage.update_user(user.id, **updates)
    storage.audit(user, "sign_in", target=user.email)
    return user


def _register_failure(storage: Storage, user: User, now: datetime) -> None:
    settings = storage.settings
    failures = storage.register_failed_login(user.id)
    storage.audit(None, "sign_in_failed", target=user.email, detail=f"failure {failures}")
    if failures >= settings.max_failed_logins:
        storage.update_user(user.id, locked_until=now + timedelta(minutes=settings.lockout_minutes))
        storage.audit(
            None,
            "account_locked",
            target=user.email,
            detail=f"{failures} failed sign-ins; locked for {settings.lockout_minutes} minutes",
        )
        raise AccountError("accounts.locked", minutes=settings.lockout_minutes)
    delay = failure_delay_seconds(failures)
    if delay:
        storage.update_user(user.id, locked_until=now + timedelta(seconds=delay))


def user_for_sso(storage: Storage, email: str) -> User | None:
    """The active account an identity provider's verified e-mail maps to, or None.

    Single sign-on only finds existing accounts; it never creates one.
    """
    user = storage.get_user_by_email(email) if len(email) <= MAX_EMAIL_LENGTH else None
    if user is None or not user.active:
        storage.audit(
            None,
            "sso_login_refused",
            target=email.strip()[:MAX_EMAIL_LENGTH],
            detail="no account" if user is None else "inactive account",
        )
        return None
    user = storage.update_user(user.id, last_login_at=utcnow())
    storage.audit(user, "sso_login", target=user.email)
    return user


# own account ------------------------------------------------------------------------


def change_own_password(storage: Storage, user: User, old: str, new: str) -> User:
    """Replace the signed-in user's password after checking the current one."""
    current = storage.get_user(user.id)
    if current is None or not current.active:
        raise AccountError("accounts.not_allowed")
    if not verify_password(storage.password_hash(current.id), old):
        raise AccountError("accounts.wrong_password")
    if new == old:
        raise AccountError("accounts.password_unchanged")
    _check_password(new, storage.settings, current.email)
    updated = storage.update_user(
        current.id, password_hash=hash_password(new), must_change_password=False
    )
    storage.audit(updated, "password_changed", target=updated.email)
    return updated


def set_language(storage: Storage, user: User, lang: str) -> User:
    """Store the signed-in user's interface language ("nl" or "en")."""
    try:
        return storage.update_user(user.id, lang=_clean_lang(lang))
    except UnknownUser:
        raise AccountError("accounts.unknown_user") from None


# admin actions ------------------------------------------------------------------------


def require_admin(storage: Storage, actor: User | None) -> User:
    current = storage.get_user(actor.id) if actor is not None else None
    if current is None or not current.active or current.role != "admin":
        raise AccountError("accounts.not_allowed")
    return current


def _target(storage: Storage, user_id: int) -> User:
    user = storage.get_user(user_id)
    if user is None:
        raise AccountError("accounts.unknown_user")
    return user


def create_user(
    storage: Storage,
    actor: User,
    *,
    email: str,
    name: str,
    role: str,
    department: str | None = None,
    password: str | None = None,
    lang: str = "nl",
) -> tuple[User, str | None]:
    """Create an account (admin only).

    Without `password` a one-time password is generated, returned once and never
    stored in readable form; the user must replace it at first sign-in.
    """
    actor = require_admin(storage, actor)
    email = _clean_email(email)
    fields = {
        "email": email,
        "name": _clean_name(name),
        "role": _clean_role(role),
        "department": _clean_department(department),
        "lang": _clean_lang(lang),
    }
    one_time: str | None = None
    if password is None:
        one_time, password_hash = new_one_time_password(storage.settings)
    else:
        _check_password(password, storage.settings, email)
        password_hash = hash_password(password)
    try:
        user = storage.add_user(
            **fields, password_hash=password_hash, must_change_password=password is None
        )
    except DuplicateEmail:
        raise AccountError("accounts.email_taken", email=email) from None
    storage.audit(actor, "user_created", target=user.email, detail=f"role={user.role}")
    return user, one_time


def reset_password(storage: Storage, actor: User, user_id: int) -> str:
    """Give the account a new one-time password (admin only) and lift any lock-out."""
    actor = require_admin(storage, actor)
    target = _target(storage, user_id)
    one_time, password_hash = new_one_time_password(storage.settings)
    storage.update_user(
        target.id,
        password_hash=password_hash,
        must_change_password=True,
        failed_logins=0,
        locked_until=None,
    )
    storage.audit(actor, "password_reset", target=target.email)
    return one_time


def _is_last_active_admin(storage: Storage, user: User) -> bool:
    return user.role == "admin" and user.active and storage.count_active_admins() <= 1


def set_role(storage: Storage, actor: User, user_id: int, role: str) -> User:
    """Change an account's role (admin only); the last active admin keeps the role."""
    actor = require_admin(storage, actor)
    target = _target(storage, user_id)
    role = _clean_role(role)
    if role == target.role:
        return target
    if role != "admin" and _is_last_active_admin(storage, target):
        raise AccountError("accounts.last_admin")
    updated = storage.update_user(target.id, role=role)
    storage.audit(actor, "role_changed", target=target.email, detail=f"{target.role} -> {role}")
    return updated


def set_active(storage: Storage, actor: User, user_id: int, active: bool) -> User:
    """(De)activate an account (admin only); not yourself, not the last active admin."""
    actor = require_admin(storage, actor)
    target = _target(storage, user_id)
    if target.active == active:
        return target
    if not active:
        if target.id == actor.id:
            raise AccountError("accounts.cannot_deactivate_self")
        if _is_last_active_admin(storage, target):
            raise AccountError("accounts.last_admin")
    updated = storage.update_user(target.id, active=active)
    storage.audit(actor, "user_activated" if active else "user_deactivated", target=target.email)
    return updated


_SETTING_ERRORS = {
    "retention_days": ("accounts.invalid_retention_days", RETENTION_DAYS_RANGE),
    "min_group_size": (
        "accounts.invalid_min_group_size",
        (MIN_GROUP_SIZE_FLOOR, MIN_GROUP_SIZE_CEILING),
    ),
    "certificate_valid_months": (
        "accounts.invalid_certificate_valid_months",
        CERTIFICATE_VALID_MONTHS_RANGE,
    ),
    "certificate_warn_days": (
        "accounts.invalid_certificate_warn_days",
        CERTIFICATE_WARN_DAYS_RANGE,
    ),
}


def _set_int_setting(storage: Storage, actor: User, key: str, value: object) -> int:
    actor = require_admin(storage, actor)
    before = storage.get_setting(key)
    try:
        number = int(str(value).strip())
        storage.set_setting(key, number)
    except (ValueError, InvalidSetting):
        error_key, (low, high) = _SETTING_ERRORS[key]
        raise AccountError(error_key, min=low, max=high) from None
    storage.audit(actor, "settings_changed", target=key, detail=f"{before} -> {number}")
    return number


def set_retention_days(storage: Storage, actor: User, days: int) -> int:
    """How long fetched posts are kept: 1 to 365 days (admin only)."""
    return _set_int_setting(storage, actor, "retention_days", days)


def set_min_group_size(storage: Storage, actor: User, n: int) -> int:
    """Smallest group HR sees aggregated figures for: at least 5 (admin only)."""
    return _set_int_setting(storage, actor, "min_group_size", n)


def set_certificate_valid_months(storage: Storage, actor: User, months: int) -> int:
    """How long a training certificate is valid: 1 to 60 months (admin only)."""
    return _set_int_setting(storage, actor, "certificate_valid_months", months)


def set_certificate_warn_days(storage: Storage, actor: User, days: int) -> int:
    """How many days before expiry a certificate is announced: 1 to 180 (admin only)."""
    return _set_int_setting(storage, actor, "certificate_warn_days", days)
