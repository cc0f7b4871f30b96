"""What the browser journeys share: accounts, Dutch labels and waiting for Streamlit."""

from __future__ import annotations

from app import accounts
from app.config import get_settings
from app.i18n import t
from app.storage import open_storage

ADMIN_EMAIL = "beheer@noordchem.example"
ADMIN_PASSWORD = "vier lange woorden achter elkaar"
EMPLOYEE_EMAIL = "piet@noordchem.example"
EMPLOYEE_PASSWORD = "mijn eigen sterke wachtzin"
EMPLOYEE = (EMPLOYEE_EMAIL, "Piet Operator", "employee", "Productie")


def create_accounts(
    *users: tuple[str, str, str, str],
    admin_password: str = ADMIN_PASSWORD,
    password: str = EMPLOYEE_PASSWORD,
) -> None:
    """The first admin and the given (email, name, role, department) accounts, each with
    `password` and no forced change, straight into the app's database."""
    storage = open_storage(get_settings())
    try:
        admin = accounts.create_first_admin(
            storage, email=ADMIN_EMAIL, name="Anne Beheer", password=admin_password
        )
        for email, name, role, department in users:
            accounts.create_user(
                storage,
                admin,
                email=email,
                name=name,
                role=role,
                department=department,
                password=password,
                lang="nl",
            )
    finally:
        storage.dispose()


def nl(key: str, **params: object) -> str:
    return t(key, "nl", **params)


def settle(page) -> None:
    """Wait until the app's run has finished and elements of the previous screen are gone."""
    page.wait_for_function(
        "() => !document.querySelector('[data-stale=\"true\"]')"
        " && !document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"]')"
    )


def heading(page, text: str):
    return page.get_by_role("heading", name=text, exact=True)


def field(page, label: str):
    return page.get_by_label(label, exact=True)


def button(page, label: str):
    return page.get_by_role("button", name=label, exact=True)


def sign_in(page, email: str, password: str) -> None:
    """Fill in and send the sign-in form; the caller waits for the page it expects."""
    heading(page, nl("signin.title")).wait_for()
    settle(page)
    field(page, nl("common.email")).fill(email)
    field(page, nl("common.password")).fill(password)
    button(page, nl("signin.submit")).click()


def sign_out(page) -> None:
    page.get_by_test_id("stSidebar").get_by_role("button", name=nl("sidebar.sign_out")).click()
    heading(page, nl("signin.title")).wait_for()
    settle(page)
