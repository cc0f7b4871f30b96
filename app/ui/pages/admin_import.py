"""Admin: import employees from a CSV file, with a report of every rejected row."""

import pandas as pd
import streamlit as st

from app.i18n import t
from app.ui import components, exports
from app.ui.text import tm
from app.user_import import import_users_csv

ctx = components.page_context("admin-import")
lang, actor, storage = ctx.lang, ctx.user, ctx.storage

MAX_UPLOAD_MB = 1
_REPORT = "admin_import.report"
_PASSWORDS = "admin_import.passwords_csv"


def forget_passwords() -> None:
    st.session_state.pop(_PASSWORDS, None)


st.set_page_config(layout="wide")
st.title(t("admin_import.title", lang))
st.markdown(t("admin_import.intro", lang, max_mb=MAX_UPLOAD_MB))

uploaded = st.file_uploader(
    t("admin_import.file", lang),
    type=["csv", "txt"],
    max_upload_size=MAX_UPLOAD_MB,
    key="admin_import.file",
)
if st.button(
    t("admin_import.submit", lang), type="primary", disabled=uploaded is None, key="admin_import.go"
):
    report = import_users_csv(storage, actor, uploaded.getvalue())
    forget_passwords()
    st.session_state[_REPORT] = {
        "error": (report.error_key, dict(report.error_params or {})) if report.error_key else None,
        "rejected": [(r.line, r.key, dict(r.params or {}), r.raw) for r in report.rejected],
        "created": [(u.name, u.email, u.role, u.department or "") for u, _ in report.created],
    }
    if report.created:
        st.session_state[_PASSWORDS] = exports.csv_bytes(
            ["name", "email", "role", "department", "one_time_password"],
            [(u.name, u.email, u.role, u.department or "", pw) for u, pw in report.created],
        )

result = st.session_state.get(_REPORT)
if result is not None:
    st.divider()
    st.subheader(t("admin_import.report_title", lang))
    if result["error"] is not None:
        key, params = result["error"]
        st.error(tm(key, lang, **params))
        st.caption(t("admin_import.nothing_stored", lang))
    else:
        created, rejected = result["created"], result["rejected"]
        if created:
            st.success(t("admin_import.created", lang, count=len(created)))
        else:
            st.warning(t("admin_import.none_created", lang))
        if rejected:
            st.error(t("admin_import.rejected", lang, count=len(rejected)))
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            t("admin_import.line", lang): line,
                            t("admin_import.reason", lang): t(key, lang, **params),
                            t("admin_import.content", lang): raw,
                        }
                        for line, key, params, raw in rejected
                    ]
                ),
                hide_index=True,
                key="admin_import.rejected_table",
            )
        if created:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            t("common.name", lang): name,
                            t("common.email", lang): email,
                            t("common.role", lang): t(f"role.{role}", lang),
                            t("common.department", lang): department,
                        }
                        for name, email, role, department in created
                    ]
                ),
                hide_index=True,
                key="admin_import.created_table",
            )
            passwords = st.session_state.get(_PASSWORDS)
            if passwords is not None:
                st.warning(t("admin_import.passwords_once", lang))
                st.download_button(
                    t("admin_import.download", lang),
                    data=passwords,
                    file_name="one-time-passwords.csv",
                    mime="text/csv",
                    on_click=forget_passwords,
                    icon=":material/download:",
                    key="admin_import.download",
                )
            else:
                st.caption(t("admin_import.passwords_gone", lang))
