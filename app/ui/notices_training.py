"""After sign-in: tell the learner when their training certificate expires soon or has expired."""

from __future__ import annotations

import streamlit as st

from app.i18n import t
from app.storage import Storage, User
from app.ui import training_certificates
from training.certificate import format_date

_SHOWN = "notices_training.shown"


def show_training_notices(storage: Storage, user: User, lang: str) -> None:
    """Show the certificate notice once per sign-in (sign-in starts a fresh session state)."""
    if st.session_state.get(_SHOWN):
        return
    st.session_state[_SHOWN] = True
    latest = storage.latest_certificate(user)
    if latest is None:
        return
    status = training_certificates.status_of(latest, storage)
    expires = format_date(latest.expires_at, lang)
    if status == "expiring":
        st.warning(t("training.notice.expiring", lang, date=expires), icon=":material/schedule:")
    elif status == "expired":
        st.error(t("training.notice.expired", lang, date=expires), icon=":material/event_busy:")
