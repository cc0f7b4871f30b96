"""A new or reset account signs in with a one-time password and must replace it first."""

import streamlit as st

from app import accounts
from app.accounts import AccountError
from app.i18n import t
from app.storage import User
from app.ui import components, session

ctx = components.gate_context()
lang = ctx.lang
user = session.current_user(ctx.storage)
if not isinstance(user, User):
    st.stop()

st.title(t("password.change_title", lang))
st.warning(t("password.must_change", lang))
st.info(components.password_rules(ctx.settings, lang))

with st.form("change_password.form"):
    old = st.text_input(
        t("password.current_or_one_time", lang),
        type="password",
        key="change_password.old",
        max_chars=1024,
    )
    new = st.text_input(
        t("password.new", lang), type="password", key="change_password.new", max_chars=1024
    )
    repeat = st.text_input(
        t("common.password_repeat", lang),
        type="password",
        key="change_password.repeat",
        max_chars=1024,
    )
    submitted = st.form_submit_button(t("password.submit", lang), type="primary")

if submitted:
    if new != repeat:
        st.error(t("common.passwords_differ", lang))
    else:
        try:
            accounts.change_own_password(ctx.storage, user, old, new)
        except AccountError as exc:
            components.show_account_error(exc, lang)
        else:
            components.flash("success", t("password.changed", lang))
            st.rerun()

if st.button(t("sidebar.sign_out", lang), key="change_password.sign_out"):
    session.sign_out()
    st.rerun()
