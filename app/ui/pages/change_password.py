"""A new or reset account signs in with a one-time password and must replace it first."""

import streamlit as st

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

if components.change_password_form(
    ctx.storage, user, lang, key="change_password", current_label="password.current_or_one_time"
):
    components.flash("success", t("password.changed", lang))
    st.rerun()

if st.button(t("sidebar.sign_out", lang), key="change_password.sign_out"):
    session.sign_out()
    st.rerun()
