"""Placeholder for the self-check of a draft post: says what the page will offer."""

from app.ui import components

ctx = components.page_context("self-check")
components.placeholder("self_check", ctx.lang)
