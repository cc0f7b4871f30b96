"""Placeholder for HR's scan of sample or uploaded posts: says what the page will offer."""

from app.ui import components

ctx = components.page_context("hr-scan")
components.placeholder("hr_scan", ctx.lang)
