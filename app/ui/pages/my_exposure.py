"""Placeholder for what an employee's own posts reveal: says what the page will offer."""

from app.ui import components

ctx = components.page_context("my-exposure")
components.placeholder("my_exposure", ctx.lang)
