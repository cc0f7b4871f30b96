"""Admin: how long fetched posts are kept, the smallest group HR may see figures for,
and how long a training certificate is valid and how early its expiry is announced."""

import streamlit as st

from app import accounts
from app.accounts import AccountError
from app.i18n import t
from app.storage import (
    CERTIFICATE_VALID_MONTHS_RANGE,
    CERTIFICATE_WARN_DAYS_RANGE,
    MIN_GROUP_SIZE_CEILING,
    MIN_GROUP_SIZE_FLOOR,
    RETENTION_DAYS_RANGE,
)
from app.ui import components, training_certificates

ctx = components.page_context("admin-settings")
lang, actor, storage = ctx.lang, ctx.user, ctx.storage

VALID_MONTHS = training_certificates.VALID_MONTHS_SETTING
WARN_DAYS = training_certificates.WARN_DAYS_SETTING


st.title(t("admin_settings.title", lang))
current_days, current_group = storage.retention_days(), storage.min_group_size()
# The values the certificate views use right now (a bad stored value is clamped there).
current_months = training_certificates.valid_months(storage)
current_warn = training_certificates.warn_days(storage)
months_label = t("admin_settings.certificate_valid_months", lang)
warn_label = t("admin_settings.certificate_warn_days", lang)
# As stored (a default when unset); saving rewrites a bad one even when the number stays.
stored_text = {key: (storage.get_setting(key) or "").strip() for key in (VALID_MONTHS, WARN_DAYS)}
for key, used, label in (
    (VALID_MONTHS, current_months, months_label),
    (WARN_DAYS, current_warn, warn_label),
):
    stored = stored_text[key]
    if stored != str(used):
        shown = t("admin_settings.stored_invalid", lang, setting=label, stored=stored, used=used)
        st.warning(shown)


def whole_number(
    name: str, bounds: tuple[int, int], value: int, help_text: str, label: str | None = None
) -> int:
    """One whole-number setting; its widget key and label key share `name`."""
    return st.number_input(
        label or t(f"admin_settings.{name}", lang),
        min_value=bounds[0],
        max_value=bounds[1],
        value=value,
        step=1,
        help=help_text,
        key=f"admin_settings.{name}",
    )


with st.form("admin_settings.form"):
    days = whole_number(
        "retention_days",
        RETENTION_DAYS_RANGE,
        current_days,
        t("admin_settings.retention_help", lang),
    )
    group = whole_number(
        "min_group_size",
        (MIN_GROUP_SIZE_FLOOR, MIN_GROUP_SIZE_CEILING),
        current_group,
        t("admin_settings.min_group_help", lang, floor=MIN_GROUP_SIZE_FLOOR),
    )
    months = whole_number(
        "certificate_valid_months",
        CERTIFICATE_VALID_MONTHS_RANGE,
        current_months,
        t("admin_settings.certificate_valid_months_help", lang),
        months_label,
    )
    warn = whole_number(
        "certificate_warn_days",
        CERTIFICATE_WARN_DAYS_RANGE,
        current_warn,
        t("admin_settings.certificate_warn_days_help", lang),
        warn_label,
    )
    saved = st.form_submit_button(t("admin_settings.save", lang), type="primary")

if saved:
    try:
        if int(days) != current_days:
            accounts.set_retention_days(storage, actor, int(days))
        if int(group) != current_group:
            accounts.set_min_group_size(storage, actor, int(group))
        if str(int(months)) != stored_text[VALID_MONTHS]:
            accounts.set_certificate_valid_months(storage, actor, int(months))
        if str(int(warn)) != stored_text[WARN_DAYS]:
            accounts.set_certificate_warn_days(storage, actor, int(warn))
    except AccountError as exc:
        components.show_account_error(exc, lang)
    else:
        components.flash("success", t("admin_settings.saved", lang))
        st.rerun()
