"""Employees read and acknowledge the published conduct rules (built out with the HR rules step)."""

from app.ui import components

ctx = components.page_context("conduct-rules-acknowledge")
components.placeholder("conduct_rules", ctx.lang)
