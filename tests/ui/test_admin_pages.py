"""The admin pages: users, CSV import, settings and the audit log."""

from __future__ import annotations

import csv
import io

from app import accounts
from app.i18n import t
from app.ui.navigation import PAGES

from .conftest import ADMIN_EMAIL, ADMIN_PASSWORD, EMPLOYEE_PASSWORD


def admin_on(new_session, page_file):
    return new_session().sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).open(page_file)


def one_time_password_shown(session) -> str | None:
    codes = [code.value for code in session.at.main.code]
    return codes[0] if codes else None


def test_admin_creates_a_user_and_sees_the_one_time_password_once(new_session, app_storage, admin):
    session = admin_on(new_session, "admin_users.py")
    session.fill("admin_users.new_name", "Piet Operator")
    session.fill("admin_users.new_email", "piet@noordchem.example")
    session.fill("admin_users.new_department", "Productie")
    session.click(t("admin_users.create_submit", "nl"))

    created = app_storage.get_user_by_email("piet@noordchem.example")
    assert created is not None and created.role == "employee" and created.must_change_password
    password = one_time_password_shown(session)
    assert password and accounts.verify_password(app_storage.password_hash(created.id), password)
    assert session.shows(t("common.one_time_password_once", "nl"))
    assert "piet@noordchem.example" in session.at.main.dataframe[0].value.to_string()

    session.run()  # any next click
    assert one_time_password_shown(session) is None

    employee = new_session().sign_in("piet@noordchem.example", password)
    assert employee.title() == t("password.change_title", "nl")


def test_admin_sees_why_a_user_cannot_be_created(new_session, admin):
    session = admin_on(new_session, "admin_users.py")
    session.fill("admin_users.new_name", "Tweede Anne")
    session.fill("admin_users.new_email", ADMIN_EMAIL.upper())
    session.click(t("admin_users.create_submit", "nl"))
    assert session.shows(t("accounts.email_taken", "nl", email=ADMIN_EMAIL))
    assert one_time_password_shown(session) is None


def test_admin_changes_role_deactivates_and_resets_password(new_session, app_storage, make_user):
    user = make_user("piet@noordchem.example", "employee")
    session = admin_on(new_session, "admin_users.py")
    session.at.selectbox(key="admin_users.chosen").set_value(user.id)
    session.run()

    session.at.selectbox(key=f"admin_users.role.{user.id}").set_value("hr")
    session.click(t("admin_users.set_role", "nl"))
    assert app_storage.get_user(user.id).role == "hr"

    session.click(t("admin_users.deactivate", "nl"))
    assert not app_storage.get_user(user.id).active
    refused = new_session().sign_in(user.email, EMPLOYEE_PASSWORD)
    assert refused.shows(t("accounts.inactive", "nl"))

    session.click(t("admin_users.activate", "nl"))
    assert app_storage.get_user(user.id).active

    session.click(t("admin_users.reset_password", "nl"))
    password = one_time_password_shown(session)
    assert password and app_storage.get_user(user.id).must_change_password
    assert new_session().sign_in(user.email, password).title() == t("password.change_title", "nl")


def test_the_last_admin_cannot_deactivate_themself(new_session, app_storage, admin):
    session = admin_on(new_session, "admin_users.py")
    session.click(t("admin_users.deactivate", "nl"))
    assert session.shows(t("accounts.cannot_deactivate_self", "nl"))
    assert app_storage.get_user(admin.id).active


CSV_WITH_BAD_ROWS = (
    b"naam;e-mail;afdeling;rol\n"
    b"Piet Operator;piet@noordchem.example;Productie;medewerker\n"
    b"Zonder Adres;;Productie;medewerker\n"
    b"Kees Fout;geen-adres;Logistiek;medewerker\n"
    b"Sanne HR;sanne@noordchem.example;HR;hr\n"
    b"Onbekend;onbekend@noordchem.example;Productie;directeur\n"
    b"Piet Dubbel;PIET@noordchem.example;Productie;medewerker\n"
)


def upload(session, content: bytes, name: str = "medewerkers.csv"):
    session.at.file_uploader(key="admin_import.file").set_value((name, content, "text/csv"))
    session.run()
    return session.click(t("admin_import.submit", "nl"))


def test_csv_import_reports_every_rejected_row(new_session, app_storage, admin):
    session = upload(admin_on(new_session, "admin_import.py"), CSV_WITH_BAD_ROWS)

    assert session.shows(t("admin_import.created", "nl", count=2))
    assert session.shows(t("admin_import.rejected", "nl", count=4))
    rejected = session.at.main.dataframe[0].value
    assert list(rejected[t("admin_import.line", "nl")]) == [3, 4, 6, 7]
    reasons = list(rejected[t("admin_import.reason", "nl")])
    assert all(reason and not reason.startswith("import.") for reason in reasons)
    assert "directeur" in reasons[2]

    assert app_storage.get_user_by_email("sanne@noordchem.example").role == "hr"
    assert app_storage.get_user_by_email("onbekend@noordchem.example") is None

    # The one-time passwords are offered as a CSV download, once.
    [download] = session.at.download_button
    assert download.label == t("admin_import.download", "nl")
    passwords = session.at.session_state["admin_import.passwords_csv"].decode("utf-8-sig")
    rows = {row["email"]: row for row in csv.DictReader(io.StringIO(passwords))}
    assert set(rows) == {"piet@noordchem.example", "sanne@noordchem.example"}
    for email, row in rows.items():
        user = app_storage.get_user_by_email(email)
        assert accounts.verify_password(
            app_storage.password_hash(user.id), row["one_time_password"]
        )
    download.click()
    session.run()
    assert not session.at.download_button
    assert session.shows(t("admin_import.passwords_gone", "nl"))
    assert session.shows(t("admin_import.rejected", "nl", count=4))  # the report stays


def test_csv_import_refuses_a_file_that_is_not_utf8_and_stores_nothing(
    new_session, app_storage, admin
):
    latin1 = "naam,e-mail,afdeling,rol\nJosé Müller,jose@noordchem.example,Productie,medewerker\n"
    session = upload(admin_on(new_session, "admin_import.py"), latin1.encode("latin-1"))
    assert session.shows(t("admin_import.nothing_stored", "nl"))
    assert not session.at.main.dataframe
    assert app_storage.count_users() == 1


def test_settings_refuse_a_group_size_below_five_and_store_a_valid_one(
    new_session, app_storage, admin
):
    session = admin_on(new_session, "admin_settings.py")
    group = session.at.number_input(key="admin_settings.min_group_size")
    assert group.min == 5
    group.set_value(12)
    session.at.number_input(key="admin_settings.retention_days").set_value(14)
    session.click(t("admin_settings.save", "nl"))
    assert session.shows(t("admin_settings.saved", "nl"))
    assert app_storage.min_group_size() == 12
    assert app_storage.retention_days() == 14


def test_audit_log_lists_actions_newest_first(new_session, make_user):
    make_user("piet@noordchem.example", "employee")
    session = admin_on(new_session, "audit_log.py")
    table = session.at.main.dataframe[0].value
    actions = list(table[t("audit_log.action", "nl")])
    assert actions[0] == t("audit_log.action.sign_in", "nl")
    assert actions[1] == t("audit_log.action.user_created", "nl")
    assert actions[-1] == t("audit_log.action.first_admin_created", "nl")
    times = list(table[t("audit_log.at", "nl")])
    assert times == sorted(times, reverse=True)


def test_admin_pages_exist_in_the_registry():
    assert {"admin-users", "admin-import", "admin-settings", "audit-log"} <= {
        spec.url_path for spec in PAGES if spec.roles == {"admin"}
    }
