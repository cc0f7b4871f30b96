"""Placeholder for the company profile: says what the page will offer."""

from app.ui import components

ctx = components.page_context("company-profile")
components.placeholder("company_profile", ctx.lang)
