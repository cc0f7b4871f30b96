"""Privacy notice: what the app processes, why, who sees what, how long, how to withdraw.

The retention period and the minimum group size are read from the live settings, so
the notice always says what the app actually does; the reader's own consent history
is listed at the end.
"""

import streamlit as st

from app.i18n import t
from app.ui import components
from app.ui.employee_consent import PURPOSES
from app.ui.employee_summary import local_time
from app.ui.text import tm

ctx = components.page_context("privacy")
lang, user, storage = ctx.lang, ctx.user, ctx.storage
settings = {
    "retention_days": storage.retention_days(),
    "min_group_size": storage.min_group_size(),
}

st.title(t("employee.privacy.title", lang))
st.markdown(t("employee.privacy.intro", lang))

for section in ("what", "why", "who", "how_long", "withdraw", "rights"):
    st.subheader(t(f"employee.privacy.{section}_title", lang))
    st.markdown(t(f"employee.privacy.{section}_body", lang, **settings))

st.subheader(t("employee.privacy.mine_title", lang))
consents = [c for c in storage.list_consents(user) if c.purpose in PURPOSES]
if not consents:
    st.caption(t("employee.privacy.mine_none", lang))
for record in reversed(consents):
    st.markdown(
        tm(
            "employee.privacy.mine_given" if record.given else "employee.privacy.mine_withdrawn",
            lang,
            purpose=t(f"employee.privacy.purpose_{record.purpose}", lang),
            when=local_time(record.at),
            version=record.text_version,
        )
    )
