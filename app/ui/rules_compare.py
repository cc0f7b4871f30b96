"""Compare two versions of the conduct rules (or a version and the current draft)."""

from __future__ import annotations

import streamlit as st

from app.i18n import t
from app.ui import rules_store, rules_view
from app.ui.components import PageContext
from exposure.conduct import RuleSet, diff

DRAFT = "draft"


def render(ctx: PageContext) -> None:
    lang = ctx.lang
    options: dict[str, RuleSet] = {}
    stored = rules_store.load_draft(ctx.storage)
    if stored is not None:
        options[DRAFT] = stored.ruleset
    for ruleset in rules_store.published_versions(ctx.storage):
        options[str(ruleset.version)] = ruleset
    if len(options) < 2:
        st.info(t("rules.compare.need_two", lang), icon=":material/info:")
        return

    def describe(key: str) -> str:
        if key == DRAFT:
            return t("rules.compare.draft_option", lang, version=options[key].version)
        return t("rules.compare.version_option", lang, version=key)

    keys = list(options)  # newest first: the draft, then published versions
    left, right = st.columns(2)
    old_key = left.selectbox(
        t("rules.compare.old", lang), keys, index=1, format_func=describe, key="rules_compare.old"
    )
    new_key = right.selectbox(
        t("rules.compare.new", lang), keys, index=0, format_func=describe, key="rules_compare.new"
    )
    if old_key == new_key:
        st.info(t("rules.compare.pick_two", lang))
        return
    rules_view.render_diff(diff(options[old_key], options[new_key]), lang)
