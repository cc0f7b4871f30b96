"""My exposure: what an outsider learns from the employee's own posts, taken together.

Only the employee starts a scan, of the sample persona, their own platform export
or their own public account (with consent). The result is kept for the retention
period, shown only to them, and deleted with one button.
"""

import streamlit as st

from app.i18n import t
from app.ui import components, employee_exposure
from app.ui.employee_exposure import LoadedScan
from app.ui.employee_sources import choose_source, job_progress
from app.ui.employee_state import EXPOSURE_JOB, EXPOSURE_NOTICES
from app.ui.scanning import get_scanner
from app.ui.text import escape_md

ctx = components.page_context("my-exposure")
lang, user, storage = ctx.lang, ctx.user, ctx.storage

# Retention is enforced whenever someone looks, not only by a scheduled job.
storage.purge_expired()

st.title(t("employee.exposure.title", lang))
st.caption(t("employee.exposure.intro", lang))

job = st.session_state.get(EXPOSURE_JOB)
if job is not None:
    snapshot = job.snapshot()
    if snapshot.status == "running":
        job_progress(job, lang)
        st.stop()
    st.session_state.pop(EXPOSURE_JOB, None)
    notices = [n.text(lang) for n in snapshot.notices]
    if snapshot.status == "done":
        st.session_state[EXPOSURE_NOTICES] = notices
        components.flash("success", t("employee.job.done", lang, count=snapshot.posts))
        st.rerun()
    elif snapshot.status == "cancelled":
        st.info(t("employee.job.cancelled", lang), icon=":material/stop_circle:")
    elif snapshot.error is not None:
        # Source messages may quote a file or account name: escaped.
        st.error(escape_md(snapshot.error.text(lang)))

for notice in st.session_state.get(EXPOSURE_NOTICES, []):
    st.warning(escape_md(notice))

stored = storage.load_my_scan(user)
loaded = LoadedScan.of(stored) if stored is not None else None

with st.expander(t("employee.source.title", lang), expanded=loaded is None):
    choose_source(storage, user, get_scanner(storage, lang), lang)

if loaded is None:
    st.caption(t("employee.exposure.nothing_yet", lang, days=storage.retention_days()))
else:
    employee_exposure.summary(loaded, lang)
    dossier_tab, timeline_tab, presence_tab, riskiest_tab = st.tabs(
        [
            t("employee.tab.dossier", lang),
            t("employee.tab.timeline", lang),
            t("employee.tab.presence", lang),
            t("employee.tab.riskiest", lang),
        ]
    )
    with dossier_tab:
        employee_exposure.dossier(loaded, lang)
    with timeline_tab:
        employee_exposure.timeline_chart(loaded, lang)
    with presence_tab:
        employee_exposure.presence_chart(loaded, lang)
    with riskiest_tab:
        employee_exposure.riskiest_posts(loaded, lang)
    employee_exposure.report_download(loaded, user, lang)

st.divider()
employee_exposure.share_with_hr(storage, user, loaded.results if loaded else [], lang)
st.divider()
employee_exposure.delete_my_data(storage, user, lang)
