"""Placeholder for the conduct rules editor: says what the page will offer."""

from app.ui import components

ctx = components.page_context("conduct-rules")
components.placeholder("conduct_rules", ctx.lang)
