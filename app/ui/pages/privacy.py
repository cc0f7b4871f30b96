"""Privacy notice: what the product processes, who sees what, and for how long."""

import streamlit as st

from app.i18n import t
from app.ui import components

ctx = components.page_context("privacy")
lang = ctx.lang

st.title(t("privacy.title", lang))
st.markdown(t("privacy.intro", lang))
st.subheader(t("privacy.now_title", lang))
st.markdown(t("privacy.now_body", lang))
st.subheader(t("privacy.later_title", lang))
st.markdown(
    t(
        "privacy.later_body",
        lang,
        retention_days=ctx.storage.retention_days(),
        min_group_size=ctx.storage.min_group_size(),
    )
)
st.subheader(t("privacy.rights_title", lang))
st.markdown(t("privacy.rights_body", lang))
