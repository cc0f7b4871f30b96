"""The signed-in user's own account: details and a new password."""

import streamlit as st

from app.i18n import t
from app.ui import components, session
from app.ui.text import escape_md

ctx = components.page_context("account")
lang, user = ctx.lang, ctx.user

st.title(t("account.title", lang))
rows = [
    (t("common.name", lang), user.name),
    (t("common.email", lang), user.email),
    (t("common.role", lang), t(f"role.{user.role}", lang)),
    (t("common.department", lang), user.department or t("common.none", lang)),
]
for label, value in rows:
    st.markdown(f"**{escape_md(label)}:** {escape_md(value)}")
st.caption(t("account.language_hint", lang))

st.subheader(t("account.password_title", lang))
if session.signed_in_via_sso():
    st.info(t("account.password_sso", lang))
else:
    st.caption(components.password_rules(ctx.settings, lang))
    if components.change_password_form(
        ctx.storage,
        user,
        lang,
        key="account",
        current_label="password.current",
        clear_on_submit=True,
    ):
        st.success(t("password.changed", lang))
