"""The signed-in user's own account: details and a new password."""

import streamlit as st

from app import accounts
from app.accounts import AccountError
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
    with st.form("account.password_form", clear_on_submit=True):
        old = st.text_input(
            t("password.current", lang), type="password", key="account.old", max_chars=1024
        )
        new = st.text_input(
            t("password.new", lang), type="password", key="account.new", max_chars=1024
        )
        repeat = st.text_input(
            t("common.password_repeat", lang),
            type="password",
            key="account.repeat",
            max_chars=1024,
        )
        submitted = st.form_submit_button(t("password.submit", lang))
    if submitted:
        if new != repeat:
            st.error(t("common.passwords_differ", lang))
        else:
            try:
                accounts.change_own_password(ctx.storage, user, old, new)
            except AccountError as exc:
                components.show_account_error(exc, lang)
            else:
                st.success(t("password.changed", lang))
