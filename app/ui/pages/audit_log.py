"""Admin: the audit log of actions on people's data, newest first."""

import math

import pandas as pd
import streamlit as st

from app.i18n import catalogue, t
from app.ui import components

ctx = components.page_context("audit-log")
lang, storage = ctx.lang, ctx.storage
PAGE_SIZE = 100

st.set_page_config(layout="wide")
st.title(t("audit_log.title", lang))
st.caption(t("audit_log.intro", lang))

total = storage.count_audit()
pages = max(1, math.ceil(total / PAGE_SIZE))
page = 1
if pages > 1:
    page = int(
        st.number_input(
            t("audit_log.page", lang, pages=pages),
            min_value=1,
            max_value=pages,
            value=1,
            step=1,
            key="audit_log.page",
        )
    )
entries = storage.list_audit(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
messages = catalogue(lang)


def action_name(action: str) -> str:
    # Actions added later without a translation still show, by their code.
    return messages.get(f"audit_log.action.{action}", action)


if not entries:
    st.info(t("audit_log.empty", lang))
else:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("audit_log.at", lang): entry.at,
                    t("audit_log.actor", lang): entry.actor_email or t("audit_log.system", lang),
                    t("audit_log.action", lang): action_name(entry.action),
                    t("audit_log.target", lang): entry.target or "",
                    t("audit_log.detail", lang): entry.detail or "",
                }
                for entry in sorted(entries, key=lambda e: (e.at, e.id), reverse=True)
            ]
        ),
        hide_index=True,
        key="audit_log.table",
    )
    st.caption(t("audit_log.count", lang, shown=len(entries), total=total))
