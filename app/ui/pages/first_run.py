"""First start: no accounts exist yet, so the first admin account is created here."""

import streamlit as st

from app import accounts
from app.accounts import AccountError
from app.i18n import t
from app.ui import components, session

ctx = components.gate_context()
lang = ctx.lang

st.title(t("firstrun.title", lang))
components.language_picker(lang, storage=ctx.storage, user=None)
st.markdown(t("firstrun.intro", lang))
st.info(components.password_rules(ctx.settings, lang))

with st.form("first_run.form"):
    name = st.text_input(t("common.name", lang), key="first_run.name", max_chars=200)
    email = st.text_input(t("common.email", lang), key="first_run.email", max_chars=320)
    password = st.text_input(
        t("common.password", lang), type="password", key="first_run.password", max_chars=1024
    )
    repeat = st.text_input(
        t("common.password_repeat", lang), type="password", key="first_run.repeat", max_chars=1024
    )
    submitted = st.form_submit_button(t("firstrun.submit", lang), type="primary")

if submitted:
    if password != repeat:
        st.error(t("common.passwords_differ", lang))
    else:
        try:
            admin = accounts.create_first_admin(
                ctx.storage, email=email, name=name, password=password, lang=lang
            )
        except AccountError as exc:
            components.show_account_error(exc, lang)
        else:
            session.sign_in(admin)
            components.flash("success", t("firstrun.done", lang))
            st.rerun()
