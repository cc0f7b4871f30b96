"""AppTest sessions of the real app on a fresh database per test.

`new_session()` opens one simulated browser session of streamlit_app.py; several
sessions in one test share the database, like several browsers would. `app_storage`
is a second connection to that database, used to set up accounts quickly and to
check what a page stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app import accounts
from app.config import get_settings
from app.i18n import t
from app.storage import Storage, User, open_storage

APP_FILE = Path(__file__).resolve().parents[2] / "streamlit_app.py"
ADMIN_EMAIL = "beheer@noordchem.example"
ADMIN_PASSWORD = "vier lange woorden achter elkaar"
EMPLOYEE_PASSWORD = "mijn eigen sterke wachtzin"

_TEXT_ELEMENTS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "success",
    "info",
    "warning",
    "error",
    "code",
    "text",
)


_PLAIN_ELEMENTS = ("code", "text")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


class Session:
    """One browser session driven through AppTest, with the steps a user takes."""

    def __init__(self) -> None:
        self.at = AppTest.from_file(str(APP_FILE), default_timeout=60)

    def run(self) -> Session:
        self.at.run()
        assert not self.at.exception, [e.value for e in self.at.exception]
        return self

    # what the user sees ---------------------------------------------------------

    def texts(self, *, sidebar: bool = False) -> list[str]:
        """The text of every element, Markdown escapes resolved as the browser shows them."""
        root = self.at.sidebar if sidebar else self.at.main
        found: list[str] = []
        for kind in _TEXT_ELEMENTS:
            for element in getattr(root, kind):
                value = str(element.value)
                found.append(value if kind in _PLAIN_ELEMENTS else _MD_ESCAPE.sub(r"\1", value))
        return found

    def shows(self, text: str, *, sidebar: bool = False) -> bool:
        return any(text in shown for shown in self.texts(sidebar=sidebar))

    def title(self) -> str:
        return self.at.title[0].value if len(self.at.title) else ""

    def button_labels(self) -> list[str]:
        return [button.label for button in self.at.button]

    # what the user does -----------------------------------------------------------

    def fill(self, key: str, value: str) -> Session:
        self.at.text_input(key=key).input(value)
        return self

    def click(self, label: str) -> Session:
        matches = [button for button in self.at.button if button.label == label]
        assert len(matches) == 1, f"button {label!r} not found once in {self.button_labels()}"
        matches[0].click()
        return self.run()

    def sign_in(self, email: str, password: str, lang: str = "nl") -> Session:
        self.fill("sign_in.email", email).fill("sign_in.password", password)
        return self.click(t("signin.submit", lang))

    def sign_out(self, lang: str = "nl") -> Session:
        self.at.sidebar.button(key="components.sign_out").click()
        return self.run()

    def open(self, page_file: str) -> Session:
        """Go to a page as its menu entry would; ValueError when it is not in the menu."""
        self.at.switch_page(f"app/ui/pages/{page_file}")
        return self.run()


@pytest.fixture
def new_session(data_dir: Path) -> Iterator[Callable[[], Session]]:
    yield lambda: Session().run()
    # Each test has its own database URL; drop the engines of this one.
    st.cache_resource.clear()


@pytest.fixture
def app_storage(data_dir: Path) -> Iterator[Storage]:
    store = open_storage(get_settings())
    yield store
    store.dispose()


@pytest.fixture
def admin(app_storage: Storage) -> User:
    return accounts.create_first_admin(
        app_storage, email=ADMIN_EMAIL, name="Anne Beheer", password=ADMIN_PASSWORD
    )


@pytest.fixture
def make_user(app_storage: Storage, admin: User) -> Callable[..., User]:
    """Create an account with a chosen password (no forced change), as an admin would."""

    def make(email: str, role: str, *, name: str = "Piet Operator", lang: str = "nl") -> User:
        user, _ = accounts.create_user(
            app_storage,
            admin,
            email=email,
            name=name,
            role=role,
            department="Productie",
            password=EMPLOYEE_PASSWORD,
            lang=lang,
        )
        return user

    return make
