"""Conduct rules in a real browser: HR scans, proposes, edits and publishes; an employee
reads and acknowledges the rules; HR then sees the acknowledgement."""

from __future__ import annotations

import re

import pytest

from app.config import get_settings
from app.storage import open_storage
from exposure.conduct import RuleSet

from .conftest import start_app
from .journey import (
    EMPLOYEE,
    EMPLOYEE_EMAIL,
    EMPLOYEE_PASSWORD,
    button,
    create_accounts,
    heading,
    nl,
    settle,
    sign_in,
    sign_out,
)

pytestmark = pytest.mark.browser

HR_EMAIL = "hr@noordchem.example"
PASSWORD = EMPLOYEE_PASSWORD
NEW_TITLE = "Zwijg online over diensten en poorten"


def by_key(page, key: str):
    """The element Streamlit marks with the widget key (CSS class st-key-...)."""
    return page.locator(".st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key))


def open_menu(page, entry: str, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=entry, exact=True).click()
    heading(page, title).wait_for()
    settle(page)


def sign_in_as(page, email: str) -> None:
    sign_in(page, email, PASSWORD)
    page.get_by_test_id("stSidebarNav").wait_for()
    settle(page)


def test_hr_publishes_rules_that_an_employee_acknowledges(page, data_dir):
    create_accounts((HR_EMAIL, "Hanna Personeel", "hr", "HR"), EMPLOYEE, admin_password=PASSWORD)
    storage = open_storage(get_settings())
    employee = storage.get_user_by_email(EMPLOYEE_EMAIL)

    with start_app(data_dir) as app:
        page.goto(app.url)

        # HR scans the sample set ...
        sign_in_as(page, HR_EMAIL)
        open_menu(page, nl("nav.hr_scan"), nl("hr.scan.title"))
        button(page, nl("hr.scan.run")).click()
        heading(page, nl("hr.scan.results_title")).wait_for(timeout=90_000)
        settle(page)

        # ... proposes rules from it, edits the first one and accepts it ...
        open_menu(page, nl("nav.conduct_rules"), nl("rules.title"))
        button(page, nl("rules.propose.submit")).click()
        heading(page, nl("rules.draft.title", version=1)).wait_for()
        settle(page)
        assert page.get_by_text(nl("rules.editor.why_proposed")).is_visible()
        first = RuleSet.from_document(storage.load_ruleset_draft().document).rules[0]
        by_key(page, f"rules_edit.{first.id}.nl.title").locator("input").fill(NEW_TITLE)
        button(page, nl("rules.editor.save")).click()
        page.get_by_text(nl("rules.editor.saved")).wait_for()
        settle(page)
        button(page, nl("rules.editor.set.accepted")).click()
        page.get_by_text(f"Status: {nl('rules.state.accepted')}").wait_for()
        settle(page)

        # ... and publishes it.
        button(page, nl("rules.draft.publish")).click()
        page.get_by_text(nl("rules.draft.published", version=1)).wait_for()
        settle(page)
        sign_out(page)

        # The employee reads the published rules and acknowledges them. (The sign-in
        # prompt is wired into the app shell separately; the menu entry leads to the page.)
        sign_in_as(page, EMPLOYEE_EMAIL)
        open_menu(page, nl("nav.acknowledge_rules"), nl("rules.ack.title"))
        heading(page, f"1. {NEW_TITLE}").wait_for()
        assert heading(page, f"2. {first.nl.title}").count() == 0  # only accepted rules
        page.get_by_text(nl("rules.ack.please_read", version=1)).wait_for()
        page.get_by_text(nl("rules.ack.confirm", version=1)).click()
        button(page, nl("rules.ack.submit")).click()
        page.get_by_text(nl("rules.ack.done", version=1)).wait_for()
        settle(page)
        assert storage.has_acknowledged(employee, 1)

        # A copy to keep, as a real PDF.
        with page.expect_download() as download:
            button(page, nl("rules.export.pdf")).click()
        with open(download.value.path(), "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
        sign_out(page)

        # HR sees who acknowledged the version.
        sign_in_as(page, HR_EMAIL)
        open_menu(page, nl("nav.conduct_rules"), nl("rules.title"))
        page.get_by_text(nl("rules.section.published"), exact=True).click()
        page.get_by_text(nl("rules.acks.title", version=1)).wait_for()
        settle(page)
        page.get_by_text(nl("rules.acks.count", count=1)).wait_for()

    storage.dispose()
