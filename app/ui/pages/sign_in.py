"""Sign-in with e-mail and password, or with single sign-on when it is configured."""

import streamlit as st

from app import accounts
from app.accounts import AccountError
from app.i18n import t
from app.ui import components, session
from app.ui.text import tm

ctx = components.gate_context()
lang = ctx.lang

st.title(t("signin.title", lang))
components.language_picker(lang, storage=ctx.storage, user=None)

unknown = session.sso_unknown_email()
if unknown is not None:
    st.warning(tm("signin.sso_unknown", lang, email=unknown))
    if st.button(t("signin.sso_sign_out", lang), key="sign_in.sso_sign_out"):
        session.sign_out()

with st.form("sign_in.form"):
    email = st.text_input(t("common.email", lang), key="sign_in.email", max_chars=320)
    password = st.text_input(
        t("common.password", lang), type="password", key="sign_in.password", max_chars=1024
    )
    submitted = st.form_submit_button(t("signin.submit", lang), type="primary")

if submitted:
    try:
        user = accounts.authenticate(ctx.storage, email, password)
    except AccountError as exc:
        components.show_account_error(exc, lang)
    else:
        session.sign_in(user)
        st.rerun()

if session.sso_configured():
    st.divider()
    st.caption(t("signin.sso_intro", lang))
    if st.button(t("signin.sso_button", lang), key="sign_in.sso", icon=":material/badge:"):
        st.login()
