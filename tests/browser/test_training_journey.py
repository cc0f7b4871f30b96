"""An employee completes training module 1 in a real browser."""

from __future__ import annotations

import re

import pytest

from training import load_modules
from training.schema import WhatDoYouDo

from .journey import (
    EMPLOYEE,
    EMPLOYEE_EMAIL,
    EMPLOYEE_PASSWORD,
    button,
    create_accounts,
    nl,
    settle,
    sign_in,
)

pytestmark = pytest.mark.browser

MODULE = "ondermijning"


def keyed(page, key: str):
    """The element Streamlit marks with the widget or container key (dots become dashes)."""
    return page.locator(".st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key))


def right_indexes(exercise) -> list[int]:
    if isinstance(exercise, WhatDoYouDo):
        return [i for i, choice in enumerate(exercise.choices) if choice.right][:1]
    right = [i for i, option in enumerate(exercise.options) if option.correct]
    return right[:1] if exercise.type == "single_choice" else right


def answer(page, exercise) -> None:
    key = f"training.{MODULE}.1.{exercise.id}"
    for index in right_indexes(exercise):
        if exercise.type == "multiple_choice":
            keyed(page, f"{key}.option.{index}").locator("label").click()
        else:
            keyed(page, f"{key}.choice").locator("[role=radiogroup] label").nth(index).click()
        settle(page)
    keyed(page, f"{key}.submit").get_by_role("button").click()
    page.get_by_text(nl("training.feedback.right", score=100)).wait_for()
    settle(page)


def test_employee_completes_module_one(page, app_url):
    create_accounts(EMPLOYEE)
    module = next(m for m in load_modules() if m.id == MODULE)
    page.goto(app_url)
    sign_in(page, EMPLOYEE_EMAIL, EMPLOYEE_PASSWORD)
    settle(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=nl("nav.training")).click()
    keyed(page, f"training.open.{MODULE}").get_by_role("button").click()

    next_button = keyed(page, "training.walk.next").get_by_role("button")
    for step in module.steps("nl"):
        if step.kind == "lesson":
            page.get_by_role("heading", level=3, name=step.title, exact=True).wait_for()
            settle(page)
        else:
            answer(page, step.exercise)
        next_button.click()
        settle(page)

    page.get_by_text(nl("training.walk.finish_title"), exact=True).wait_for()
    button(page, nl("training.walk.finish")).click()
    page.get_by_text(nl("training.result.passed", score=100, mark=80)).wait_for()
    settle(page)

    button(page, nl("training.walk.back")).click()
    page.get_by_text(nl("training.status.passed", score="100%")).wait_for()
