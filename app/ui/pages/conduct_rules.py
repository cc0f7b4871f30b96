"""HR: conduct rules from the risks found: propose, edit, publish, compare, export, track."""

import streamlit as st

from app.i18n import t
from app.ui import components, rules_compare, rules_editor, rules_published

ctx = components.page_context("conduct-rules")
lang = ctx.lang

SECTIONS = ("draft", "published", "compare")
SECTION = "rules.section"

st.set_page_config(layout="wide")
st.title(t("rules.title", lang))
st.markdown(t("rules.intro", lang))

wanted = st.session_state.pop(rules_editor.GOTO_SECTION, None)
if wanted in SECTIONS:
    st.session_state[SECTION] = wanted
section = st.radio(
    t("rules.section", lang),
    options=SECTIONS,
    format_func=lambda value: t(f"rules.section.{value}", lang),
    horizontal=True,
    label_visibility="collapsed",
    key=SECTION,
)
if section == "draft":
    rules_editor.render(ctx)
elif section == "published":
    rules_published.render(ctx)
else:
    rules_compare.render(ctx)
