"""Admin: how long fetched posts are kept, and the smallest group HR may see figures for."""

import streamlit as st

from app import accounts
from app.accounts import AccountError
from app.i18n import t
from app.storage import MIN_GROUP_SIZE_CEILING, MIN_GROUP_SIZE_FLOOR, RETENTION_DAYS_RANGE
from app.ui import components

ctx = components.page_context("admin-settings")
lang, actor, storage = ctx.lang, ctx.user, ctx.storage

st.title(t("admin_settings.title", lang))
current_days, current_group = storage.retention_days(), storage.min_group_size()

with st.form("admin_settings.form"):
    days = st.number_input(
        t("admin_settings.retention_days", lang),
        min_value=RETENTION_DAYS_RANGE[0],
        max_value=RETENTION_DAYS_RANGE[1],
        value=current_days,
        step=1,
        help=t("admin_settings.retention_help", lang),
        key="admin_settings.retention_days",
    )
    group = st.number_input(
        t("admin_settings.min_group_size", lang),
        min_value=MIN_GROUP_SIZE_FLOOR,
        max_value=MIN_GROUP_SIZE_CEILING,
        value=current_group,
        step=1,
        help=t("admin_settings.min_group_help", lang, floor=MIN_GROUP_SIZE_FLOOR),
        key="admin_settings.min_group_size",
    )
    saved = st.form_submit_button(t("admin_settings.save", lang), type="primary")

if saved:
    try:
        if int(days) != current_days:
            accounts.set_retention_days(storage, actor, int(days))
        if int(group) != current_group:
            accounts.set_min_group_size(storage, actor, int(group))
    except AccountError as exc:
        components.show_account_error(exc, lang)
    else:
        components.flash("success", t("admin_settings.saved", lang))
        st.rerun()
