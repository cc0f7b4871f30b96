"""Placeholder for the training modules: says what the page will offer."""

from app.ui import components

ctx = components.page_context("training")
components.placeholder("training", ctx.lang)
