"""Account rules: hashing, password rules, first run, sign-in and lock-out, admin actions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from app import accounts
from app.accounts import AccountError
from app.config import Settings
from app.storage import Storage, User

EMPLOYEE_PASSWORD = "de tanker komt nooit op tijd"


def error_of(call, *args, **kwargs) -> AccountError:
    with pytest.raises(AccountError) as caught:
        call(*args, **kwargs)
    return caught.value


def make_employee(storage: Storage, admin: User, email="jan@noordchem.example", role="employee"):
    user, _ = accounts.create_user(
        storage, admin, email=email, name="Jan de Vries", role=role, password=EMPLOYEE_PASSWORD
    )
    return user


def actions(storage: Storage) -> list[str]:
    return [entry.action for entry in storage.list_audit()]


# hashing and password rules ---------------------------------------------------


def test_hash_is_argon2_and_verifies_only_the_right_password() -> None:
    hashed = accounts.hash_password("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert "correct horse battery" not in hashed
    assert accounts.verify_password(hashed, "correct horse battery")
    assert not accounts.verify_password(hashed, "correct horse batterY")
    assert accounts.hash_password("correct horse battery") != hashed  # salted


@pytest.mark.parametrize("bad_hash", [None, "", "not-a-hash", "$argon2id$v=19$broken"])
def test_missing_or_broken_hash_never_verifies(bad_hash) -> None:
    assert accounts.verify_password(bad_hash, "anything at all") is False


def test_password_rules(settings: Settings) -> None:
    email = "Jan.de.Vries@noordchem.example"
    assert accounts.password_problems("lang genoeg wachtwoord", settings, email=email) == []
    assert accounts.password_problems("kort", settings) == ["accounts.password_too_short"]
    assert accounts.password_problems("x" * 300, settings) == [
        "accounts.password_too_long",
        "accounts.password_one_character",
    ]
    assert accounts.password_problems("a" * 12, settings) == ["accounts.password_one_character"]
    assert accounts.password_problems(email, settings, email=email) == [
        "accounts.password_is_email"
    ]
    assert "accounts.password_is_email" in accounts.password_problems(
        "jan.de.vries", settings, email=email
    )


def test_minimum_length_follows_the_setting(settings: Settings) -> None:
    strict = replace(settings, min_password_length=20)
    password = "vijftien tekens"
    assert accounts.password_problems(password, settings) == []
    assert accounts.password_problems(password, strict) == ["accounts.password_too_short"]


def test_one_time_passwords_are_random_and_pass_the_rules(settings: Settings) -> None:
    strict = replace(settings, min_password_length=30)
    passwords = {accounts.new_one_time_password(strict)[0] for _ in range(20)}
    assert len(passwords) == 20
    for password in passwords:
        assert accounts.password_problems(password, strict) == []


# first run --------------------------------------------------------------------------


def test_first_run_creates_one_admin_once(storage: Storage, admin_password: str) -> None:
    assert accounts.needs_first_run(storage)
    admin = accounts.create_first_admin(
        storage, email="Beheer@Noordchem.example", name=" Anne  Beheer ", password=admin_password
    )
    assert (admin.role, admin.email, admin.name) == (
        "admin",
        "beheer@noordchem.example",
        "Anne Beheer",
    )
    assert not admin.must_change_password
    assert not accounts.needs_first_run(storage)
    assert storage.list_audit()[0].action == "first_admin_created"

    error = error_of(
        accounts.create_first_admin,
        storage,
        email="tweede@noordchem.example",
        name="Tweede",
        password=admin_password,
    )
    assert error.key == "accounts.first_run_done"
    assert storage.count_users() == 1


@pytest.mark.parametrize(
    ("email", "name", "password", "key"),
    [
        ("beheer@noordchem.example", "Anne", "kort", "accounts.password_too_short"),
        ("geen-adres", "Anne", "lang genoeg wachtwoord", "accounts.email_invalid"),
        ("", "Anne", "lang genoeg wachtwoord", "accounts.email_required"),
        ("beheer@noordchem.example", "   ", "lang genoeg wachtwoord", "accounts.name_required"),
    ],
)
def test_first_run_refuses_bad_input_and_stores_nothing(
    storage: Storage, rendered, email, name, password, key
) -> None:
    error = error_of(
        accounts.create_first_admin, storage, email=email, name=name, password=password
    )
    assert error.key == key
    text = rendered(error.key, error.params)["nl"]
    if key == "accounts.password_too_short":
        assert str(storage.settings.min_password_length) in text
    assert accounts.needs_first_run(storage)


# sign-in --------------------------------------------------------------------------------


def test_sign_in_with_the_right_password(storage: Storage, admin: User, admin_password) -> None:
    user = accounts.authenticate(storage, "  BEHEER@noordchem.example", admin_password)
    assert user.id == admin.id
    assert user.last_login_at is not None
    assert storage.list_audit()[0].action == "sign_in"


def test_wrong_password_and_unknown_email_get_the_same_answer(storage: Storage, admin) -> None:
    wrong = error_of(accounts.authenticate, storage, admin.email, "niet het wachtwoord")
    unknown = error_of(accounts.authenticate, storage, "niemand@noordchem.example", "wat dan ook")
    assert wrong.key == unknown.key == "accounts.wrong_credentials"
    assert wrong.params == unknown.params == {}
    assert actions(storage)[:2] == ["sign_in_failed", "sign_in_failed"]
    assert storage.list_audit()[0].target == "niemand@noordchem.example"


def test_failures_bring_a_growing_wait_then_a_lock(
    storage: Storage, admin: User, admin_password: str, rendered
) -> None:
    settings = storage.settings  # 5 failures lock for 15 minutes
    now = datetime(2030, 3, 1, 8, 0, tzinfo=UTC)
    waits = []
    for _ in range(settings.max_failed_logins - 1):
        error = error_of(accounts.authenticate, storage, admin.email, "fout", now=now)
        assert error.key == "accounts.wrong_credentials"
        until = storage.get_user(admin.id).locked_until
        if until is None:
            continue
        # Before the wait is over even the right password is turned away.
        retry = error_of(accounts.authenticate, storage, admin.email, admin_password, now=now)
        assert retry.key == "accounts.wait"
        assert rendered(retry.key, retry.params)["en"].startswith("Too many")
        waits.append(retry.params["seconds"])
        now = until
    assert len(waits) == settings.max_failed_logins - accounts.DELAY_AFTER_FAILURES
    assert waits == sorted(set(waits))  # every wait longer than the one before

    locked = error_of(accounts.authenticate, storage, admin.email, "fout", now=now)
    assert locked.key == "accounts.locked"
    assert locked.params == {"minutes": settings.lockout_minutes}
    assert "account_locked" in actions(storage)

    # Even the right password is refused while locked.
    later = now + timedelta(minutes=settings.lockout_minutes - 1)
    still = error_of(accounts.authenticate, storage, admin.email, admin_password, now=later)
    assert still.key == "accounts.locked" and still.params["minutes"] == 1

    after = now + timedelta(minutes=settings.lockout_minutes, seconds=1)
    user = accounts.authenticate(storage, admin.email, admin_password, now=after)
    assert (user.failed_logins, user.locked_until) == (0, None)


def test_first_failures_have_no_wait(storage: Storage, admin: User, admin_password: str) -> None:
    now = datetime(2030, 3, 1, 8, 0, tzinfo=UTC)
    for _ in range(2):
        error_of(accounts.authenticate, storage, admin.email, "fout", now=now)
    assert storage.get_user(admin.id).failed_logins == 2
    user = accounts.authenticate(storage, admin.email, admin_password, now=now)
    assert user.failed_logins == 0


def test_delay_grows_and_is_capped() -> None:
    delays = [accounts.failure_delay_seconds(n) for n in range(1, 40)]
    assert delays[:2] == [0, 0]
    assert all(a <= b for a, b in zip(delays, delays[1:], strict=False))
    assert delays[2] > 0 and delays[5] > delays[3]
    assert max(delays) == accounts.MAX_DELAY_SECONDS


def test_inactive_account_cannot_sign_in(storage: Storage, admin: User) -> None:
    user = make_employee(storage, admin)
    accounts.set_active(storage, admin, user.id, False)
    error = error_of(accounts.authenticate, storage, user.email, EMPLOYEE_PASSWORD)
    assert error.key == "accounts.inactive"
    # Without the right password nobody learns that the account is inactive.
    wrong = error_of(accounts.authenticate, storage, user.email, "fout wachtwoord")
    assert wrong.key == "accounts.wrong_credentials"


# own account -----------------------------------------------------------------------------


def test_change_own_password(storage: Storage, admin: User) -> None:
    user = make_employee(storage, admin)
    new = "een geheel nieuw wachtwoord"
    assert error_of(accounts.change_own_password, storage, user, "fout", new).key == (
        "accounts.wrong_password"
    )
    assert (
        error_of(
            accounts.change_own_password, storage, user, EMPLOYEE_PASSWORD, EMPLOYEE_PASSWORD
        ).key
        == "accounts.password_unchanged"
    )
    assert (
        error_of(accounts.change_own_password, storage, user, EMPLOYEE_PASSWORD, "kort").key
        == "accounts.password_too_short"
    )

    accounts.change_own_password(storage, user, EMPLOYEE_PASSWORD, new)
    assert accounts.authenticate(storage, user.email, new).id == user.id
    assert error_of(accounts.authenticate, storage, user.email, EMPLOYEE_PASSWORD).key == (
        "accounts.wrong_credentials"
    )


def test_set_language(storage: Storage, admin: User) -> None:
    assert accounts.set_language(storage, admin, "en").lang == "en"
    assert storage.get_user(admin.id).lang == "en"
    assert error_of(accounts.set_language, storage, admin, "de").key == "accounts.unknown_language"


def test_sso_maps_an_active_account_by_email(storage: Storage, admin: User) -> None:
    user = make_employee(storage, admin)
    found = accounts.user_for_sso(storage, "JAN@noordchem.example")
    assert found is not None and found.id == user.id and found.last_login_at is not None
    assert storage.list_audit()[0].action == "sso_login"

    assert accounts.user_for_sso(storage, "vreemde@elders.example") is None
    accounts.set_active(storage, admin, user.id, False)
    assert accounts.user_for_sso(storage, user.email) is None
    assert storage.count_users() == 2  # single sign-on never creates accounts


# admin actions --------------------------------------------------------------------------


def test_create_user_gives_a_one_time_password(storage: Storage, admin: User) -> None:
    user, one_time = accounts.create_user(
        storage,
        admin,
        email="Petra@Noordchem.example",
        name="Petra Bakker",
        role="medewerker",
        department=" Logistiek ",
    )
    assert one_time and user.must_change_password
    assert (user.email, user.role, user.department) == (
        "petra@noordchem.example",
        "employee",
        "Logistiek",
    )
    assert accounts.authenticate(storage, "petra@noordchem.example", one_time).must_change_password
    entry = storage.list_audit(action="user_created")[0]
    assert (entry.actor_id, entry.target) == (admin.id, "petra@noordchem.example")


def test_create_user_with_a_chosen_password(storage: Storage, admin: User) -> None:
    user, one_time = accounts.create_user(
        storage,
        admin,
        email="hr@noordchem.example",
        name="Henk",
        role="hr",
        password=EMPLOYEE_PASSWORD,
    )
    assert one_time is None and not user.must_change_password
    assert accounts.authenticate(storage, user.email, EMPLOYEE_PASSWORD).role == "hr"


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"email": "BEHEER@noordchem.example"}, "accounts.email_taken"),
        ({"email": "jan@"}, "accounts.email_invalid"),
        ({"role": "directeur"}, "accounts.unknown_role"),
        ({"name": ""}, "accounts.name_required"),
        ({"password": "kort"}, "accounts.password_too_short"),
        ({"lang": "fr"}, "accounts.unknown_language"),
    ],
)
def test_create_user_refuses_bad_input(storage: Storage, admin: User, rendered, fields, key):
    base = {"email": "jan@noordchem.example", "name": "Jan", "role": "employee"}
    error = error_of(accounts.create_user, storage, admin, **{**base, **fields})
    assert error.key == key
    assert all(rendered(error.key, error.params).values())
    assert storage.count_users() == 1


def test_only_active_admins_can_manage_accounts(storage: Storage, admin: User) -> None:
    hr = make_employee(storage, admin, email="hr@noordchem.example", role="hr")
    employee = make_employee(storage, admin)
    for actor in (hr, employee):
        assert (
            error_of(
                accounts.create_user,
                storage,
                actor,
                email="x@noordchem.example",
                name="X",
                role="admin",
            ).key
            == "accounts.not_allowed"
        )
        assert error_of(accounts.set_role, storage, actor, actor.id, "admin").key == (
            "accounts.not_allowed"
        )
        assert error_of(accounts.reset_password, storage, actor, admin.id).key == (
            "accounts.not_allowed"
        )
        assert error_of(accounts.set_retention_days, storage, actor, 10).key == (
            "accounts.not_allowed"
        )
    assert storage.get_user(hr.id).role == "hr"


def test_a_demoted_admin_loses_rights_at_once(storage: Storage, admin: User) -> None:
    second = make_employee(storage, admin, email="tweede@noordchem.example", role="admin")
    accounts.set_role(storage, admin, second.id, "employee")
    # `second` is the record an older browser session still holds.
    error = error_of(accounts.set_role, storage, second, admin.id, "employee")
    assert error.key == "accounts.not_allowed"
    assert storage.get_user(admin.id).role == "admin"


def test_reset_password(storage: Storage, admin: User) -> None:
    user = make_employee(storage, admin)
    now = datetime.now(UTC)
    for _ in range(storage.settings.max_failed_logins):
        error_of(accounts.authenticate, storage, user.email, "fout", now=now)
    assert storage.get_user(user.id).locked_until is not None

    one_time = accounts.reset_password(storage, admin, user.id)
    assert error_of(accounts.authenticate, storage, user.email, EMPLOYEE_PASSWORD).key == (
        "accounts.wrong_credentials"
    )
    signed_in = accounts.authenticate(storage, user.email, one_time)
    assert signed_in.must_change_password
    entry = storage.list_audit(action="password_reset")[0]
    assert (entry.actor_email, entry.target) == (admin.email, user.email)
    assert error_of(accounts.reset_password, storage, admin, 9999).key == "accounts.unknown_user"


def test_role_changes_and_the_last_admin(storage: Storage, admin: User) -> None:
    assert error_of(accounts.set_role, storage, admin, admin.id, "hr").key == "accounts.last_admin"
    user = make_employee(storage, admin)
    promoted = accounts.set_role(storage, admin, user.id, "beheerder")
    assert promoted.role == "admin"
    entry = storage.list_audit(action="role_changed")[0]
    assert (entry.target, entry.detail) == (user.email, "employee -> admin")

    # With a second active admin the first may step down.
    assert accounts.set_role(storage, admin, admin.id, "hr").role == "hr"
    assert storage.count_active_admins() == 1
    assert error_of(accounts.set_role, storage, promoted, promoted.id, "employee").key == (
        "accounts.last_admin"
    )


def test_deactivate_and_reactivate(storage: Storage, admin: User) -> None:
    assert error_of(accounts.set_active, storage, admin, admin.id, False).key == (
        "accounts.cannot_deactivate_self"
    )
    user = make_employee(storage, admin)
    assert not accounts.set_active(storage, admin, user.id, False).active
    assert accounts.set_active(storage, admin, user.id, True).active
    assert actions(storage)[:2] == ["user_activated", "user_deactivated"]
    assert accounts.authenticate(storage, user.email, EMPLOYEE_PASSWORD).id == user.id


def test_retention_and_group_size_settings(storage: Storage, admin: User, rendered) -> None:
    assert accounts.set_retention_days(storage, admin, 90) == 90
    assert accounts.set_min_group_size(storage, admin, "5") == 5
    assert (storage.retention_days(), storage.min_group_size()) == (90, 5)
    entry = storage.list_audit(action="settings_changed")[0]
    assert (entry.target, entry.detail) == ("min_group_size", "10 -> 5")

    for call, value, key in [
        (accounts.set_min_group_size, 4, "accounts.invalid_min_group_size"),
        (accounts.set_min_group_size, "tien", "accounts.invalid_min_group_size"),
        (accounts.set_retention_days, 0, "accounts.invalid_retention_days"),
        (accounts.set_retention_days, 400, "accounts.invalid_retention_days"),
    ]:
        error = error_of(call, storage, admin, value)
        assert error.key == key
        assert str(error.params["min"]) in rendered(key, error.params)["nl"]
    assert (storage.retention_days(), storage.min_group_size()) == (90, 5)


def test_certificate_settings_are_admin_only_checked_and_audited(
    storage: Storage, admin: User, rendered
) -> None:
    assert accounts.set_certificate_valid_months(storage, admin, 24) == 24
    assert accounts.set_certificate_warn_days(storage, admin, " 14 ") == 14
    entry = storage.list_audit(action="settings_changed")[0]
    assert (entry.target, entry.detail) == ("certificate_warn_days", "30 -> 14")

    for call, value, key in [
        (
            accounts.set_certificate_valid_months,
            0,
            "accounts.invalid_certificate_valid_months",
        ),
        (
            accounts.set_certificate_valid_months,
            61,
            "accounts.invalid_certificate_valid_months",
        ),
        (
            accounts.set_certificate_warn_days,
            "veel",
            "accounts.invalid_certificate_warn_days",
        ),
        (accounts.set_certificate_warn_days, 181, "accounts.invalid_certificate_warn_days"),
    ]:
        error = error_of(call, storage, admin, value)
        assert error.key == key
        assert str(error.params["max"]) in rendered(key, error.params)["nl"]
    hr = make_employee(storage, admin, email="hr@noordchem.example", role="hr")
    error_of(accounts.set_certificate_valid_months, storage, hr, 6)
    assert storage.get_setting("certificate_valid_months") == "24"
    assert storage.get_setting("certificate_warn_days") == "14"


def test_failed_sign_ins_with_made_up_emails_are_logged_up_to_a_cap(
    storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "UNKNOWN_EMAIL_AUDIT_LIMIT", 5)
    for i in range(8):
        error_of(accounts.authenticate, storage, f"bot{i}@example.org", "guess")
    entries = storage.list_audit(action="sign_in_failed")
    assert len(entries) == 5
    assert {e.target for e in entries} == {f"bot{i}@example.org" for i in range(5)}
