"""Placeholder for HR's aggregated overview: says what the page will offer."""

from app.ui import components

ctx = components.page_context("hr-overview")
components.placeholder("hr_overview", ctx.lang)
