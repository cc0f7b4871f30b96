"""The first journey in a real browser: first run, sign-in, a new employee's first day."""

from __future__ import annotations

import pytest

from app.i18n import t
from app.ui.navigation import pages_for_role

from .journey import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    EMPLOYEE_EMAIL,
    EMPLOYEE_PASSWORD,
    button,
    field,
    heading,
    nl,
    settle,
    sign_in,
    sign_out,
)

pytestmark = pytest.mark.browser


def sidebar_menu(page) -> list[str]:
    """The menu entries' names (the last line of each link; before it comes the icon)."""
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    return [text.strip().splitlines()[-1].strip() for text in links.all_inner_texts()]


def test_first_run_admin_creates_employee_who_sees_only_employee_pages(page, app_url):
    page.goto(app_url)

    # First run: the only screen is the one that creates the admin.
    heading(page, nl("firstrun.title")).wait_for()
    assert page.get_by_test_id("stSidebarNav").count() == 0
    field(page, nl("common.name")).fill("Anne Beheer")
    field(page, nl("common.email")).fill(ADMIN_EMAIL)
    field(page, nl("common.password")).fill(ADMIN_PASSWORD)
    field(page, nl("common.password_repeat")).fill(ADMIN_PASSWORD)
    button(page, nl("firstrun.submit")).click()
    page.get_by_text(nl("firstrun.done")).wait_for()
    sign_out(page)

    # The admin signs in and creates an employee.
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=nl("nav.admin_users")).click()
    heading(page, nl("admin_users.title")).wait_for()
    settle(page)
    field(page, nl("common.name")).fill("Piet Operator")
    field(page, nl("common.email")).fill(EMPLOYEE_EMAIL)
    field(page, nl("common.department")).fill("Productie")
    button(page, nl("admin_users.create_submit")).click()
    shown = page.locator(".st-key-one-time-password code")
    shown.wait_for()
    one_time_password = shown.inner_text().strip()
    assert len(one_time_password) >= 12
    sign_out(page)

    # The employee signs in with it and must choose a password first.
    sign_in(page, EMPLOYEE_EMAIL, one_time_password)
    heading(page, nl("password.change_title")).wait_for()
    settle(page)
    assert page.get_by_test_id("stSidebarNav").count() == 0
    field(page, nl("password.current_or_one_time")).fill(one_time_password)
    field(page, nl("password.new")).fill(EMPLOYEE_PASSWORD)
    field(page, nl("common.password_repeat")).fill(EMPLOYEE_PASSWORD)
    button(page, nl("password.submit")).click()

    # Then the employee sees their start page and only the employee pages.
    heading(page, nl("later.self_check.title")).wait_for()
    settle(page)
    expected = [t(spec.title_key, "nl") for spec in pages_for_role("employee")]
    assert sidebar_menu(page) == expected
    assert nl("nav.admin_users") not in sidebar_menu(page)

    # Typing the address of an admin page does not open it.
    page.goto(f"{app_url}/admin-users")
    sign_in(page, EMPLOYEE_EMAIL, EMPLOYEE_PASSWORD)
    heading(page, nl("later.self_check.title")).wait_for()
    settle(page)
    assert heading(page, nl("admin_users.title")).count() == 0
    assert page.get_by_text(ADMIN_EMAIL).count() == 0
    sign_out(page)

    # For a role that may open it, the same address leads there after sign-in.
    page.goto(f"{app_url}/admin-users")
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    heading(page, nl("admin_users.title")).wait_for()
