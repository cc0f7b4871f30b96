"""Admin: check a training certificate by its verification code (every lookup is audited)."""

import streamlit as st

from app.i18n import t
from app.storage import StorageError
from app.ui import components, training_certificates
from app.ui.text import escape_md, tm
from training import normalise_code
from training.certificate import format_date

ctx = components.page_context("admin-certificates")
lang, storage, actor = ctx.lang, ctx.storage, ctx.user

st.title(t("training.admin_certificates.title", lang))
st.caption(t("training.admin_certificates.intro", lang))

with st.form("admin_certificates.form"):
    typed = st.text_input(
        t("training.admin_certificates.code", lang),
        max_chars=40,
        placeholder="HK7C-9TQM-4RWX",
        key="admin_certificates.code",
    )
    submitted = st.form_submit_button(t("training.admin_certificates.submit", lang), type="primary")

if submitted:
    code = normalise_code(typed)
    if code is None:
        st.error(tm("training.admin_certificates.malformed", lang, code=typed.strip()))
        st.stop()
    try:
        record = storage.find_certificate(actor, code)
    except StorageError:
        st.error(t("app.not_allowed", lang))
        st.stop()
    if record is None:
        st.warning(tm("training.admin_certificates.not_found", lang, code=code))
        st.stop()
    status = training_certificates.status_of(record, storage)
    message = {
        "valid": st.success,
        "expiring": st.warning,
        "expired": st.error,
    }[status]
    message(
        t(f"training.admin_certificates.{status}", lang, date=format_date(record.expires_at, lang))
    )
    st.markdown(
        tm(
            "training.admin_certificates.holder",
            lang,
            name=record.holder_name,
            email=record.holder_email,
        )
    )
    st.markdown(
        t(
            "training.admin_certificates.dates",
            lang,
            code=record.code,
            issued=format_date(record.issued_at, lang),
            expires=format_date(record.expires_at, lang),
        )
    )
    st.markdown(t("training.admin_certificates.modules", lang))
    st.markdown("\n".join(f"1. {escape_md(title)}" for title in record.modules))
