"""An employee checks a risky Dutch post in a real browser and sees highlights and a rewrite.

The helpers here are also used by benchmarks/self_check_roundtrip.py.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.i18n import t

from .journey import (
    EMPLOYEE,
    EMPLOYEE_EMAIL,
    EMPLOYEE_PASSWORD,
    create_accounts,
    heading,
    nl,
    settle,
    sign_in,
)

pytestmark = pytest.mark.browser

RISKY_NL = (
    "Vannacht sta ik alleen in de controlekamer bij Noordchem, de camera bij poort 3 is al "
    'weken kapot. <img src=x onerror="window.__pwned=1">'
)

# True once the first marked-up result shows exactly `expected` (label tags left out).
RESULT_SHOWS = """(expected) => {
    const shown = document.querySelector('.exposure-highlight');
    if (!shown) return false;
    const copy = shown.cloneNode(true);
    copy.querySelectorAll('mark > span').forEach((tag) => tag.remove());
    return copy.textContent === expected;
}"""


def sign_in_to_self_check(page, url: str) -> None:
    page.goto(url)
    sign_in(page, EMPLOYEE_EMAIL, EMPLOYEE_PASSWORD)
    # The self-check is an employee's start page.
    heading(page, nl("employee.self_check.title")).wait_for()
    settle(page)


def check_post(page, text: str, timeout_ms: float = 60_000) -> float:
    """Submit `text` and wait for its marked-up result; returns the seconds that took."""
    page.get_by_label(t("employee.self_check.draft", "nl"), exact=True).fill(text)
    submit = page.get_by_role("button", name=t("employee.self_check.submit", "nl"))
    started = time.perf_counter()
    submit.click()
    page.wait_for_function(RESULT_SHOWS, arg=text, timeout=timeout_ms, polling=10)
    return time.perf_counter() - started


@pytest.fixture
def running_app(data_dir: Path):
    from .conftest import start_app

    create_accounts(EMPLOYEE)
    with start_app(data_dir) as running:
        yield running.url


def test_employee_self_checks_a_risky_dutch_post(page, running_app):
    sign_in_to_self_check(page, running_app)
    check_post(page, RISKY_NL)

    for label, text in (("SITE", "controlekamer"), ("ORG", "Noordchem"), ("SCHEDULE", "Vannacht")):
        mark = page.locator(f'.exposure-highlight mark[data-label="{label}"]').first
        assert text in mark.inner_text()
    security = page.locator('.exposure-highlight mark[data-label="SECURITY"]').first
    assert "camera" in security.inner_text()
    # The markup in the post is shown as text and never runs.
    assert "<img src=x" in page.locator(".exposure-highlight").first.inner_text()
    assert page.evaluate("() => window.__pwned === undefined")
    page.get_by_text(t("employee.risk.high", "nl").split("**")[1]).first.wait_for()

    rewrite = page.get_by_test_id("stCode").first
    rewrite.wait_for()
    assert "Noordchem" not in rewrite.inner_text() and "poort 3" not in rewrite.inner_text()
    assert page.get_by_text(t("employee.rewrite.title", "nl"), exact=True).is_visible()
