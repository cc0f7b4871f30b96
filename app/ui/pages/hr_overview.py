"""HR overview: training completion per employee, scores and shared exposure per group.

Per employee HR sees only what its job needs (completion, certificate expiry). Scores
and the exposure counts employees chose to share appear only added up per group of
at least the minimum group size; storage hides the smaller groups before they get here.
"""

import pandas as pd
import streamlit as st

from app.i18n import t
from app.storage import StorageError
from app.ui import components, exports, training_certificates, training_course, training_hr
from training import ContentError, departments_csv

ctx = components.page_context("hr-overview")
lang, storage, actor = ctx.lang, ctx.storage, ctx.user

st.set_page_config(layout="wide")
st.title(t("hr_overview.title", lang))
st.caption(t("hr_overview.intro", lang))

try:
    modules = training_course.course_modules()
except ContentError as exc:
    st.error(t("training.content_invalid", lang))
    st.code(str(exc), language=None)
    st.stop()

try:
    statuses = storage.training_overview(actor)
    scores = storage.department_scores(actor)
    shared = storage.aggregated_shared_counts(actor=actor)
except StorageError:
    st.error(t("app.not_allowed", lang))
    st.stop()
min_group = storage.min_group_size()

st.header(t("hr_overview.completion.title", lang))
st.caption(t("hr_overview.completion.intro", lang, total=len(modules)))
employees = training_hr.employee_rows(
    statuses, modules, lang, warn_days=training_certificates.warn_days(storage)
)
if employees:
    table = pd.DataFrame(employees)
    st.dataframe(table, hide_index=True, key="hr_overview.employees")
    st.download_button(
        t("hr_overview.completion.download", lang),
        data=exports.csv_bytes(list(table.columns), table.itertuples(index=False)),
        file_name=t("hr_overview.completion.file", lang),
        mime="text/csv",
        key="hr_overview.employees_csv",
        icon=":material/download:",
    )
else:
    st.info(t("hr_overview.completion.empty", lang))

st.header(t("hr_overview.scores.title", lang))
st.caption(t("hr_overview.scores.intro", lang, n=min_group))
summaries = training_hr.department_summaries(scores, statuses, modules)
if summaries:
    st.dataframe(
        pd.DataFrame(training_hr.department_rows(summaries, modules, lang, min_group)),
        hide_index=True,
        key="hr_overview.departments",
    )
    csv_text = departments_csv(
        summaries, lang, min_group, module_titles=training_hr.module_titles(modules, lang)
    )
    st.download_button(
        t("hr_overview.scores.download", lang),
        data=csv_text.encode("utf-8-sig"),
        file_name=t("hr_overview.scores.file", lang),
        mime="text/csv",
        key="hr_overview.departments_csv",
        icon=":material/download:",
    )
else:
    st.info(t("hr_overview.scores.empty", lang))

st.header(t("hr_overview.shared.title", lang))
st.caption(t("hr_overview.shared.intro", lang, n=shared.min_group_size))
rows = training_hr.shared_count_rows(shared, lang)
if shared.total is None:
    st.info(t("hr_overview.shared.too_few", lang, n=shared.min_group_size))
else:
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="hr_overview.shared")
    if shared.hidden_departments:
        st.caption(
            t(
                "hr_overview.shared.hidden",
                lang,
                count=shared.hidden_departments,
                n=shared.min_group_size,
            )
        )
st.caption(t("hr_overview.awareness", lang))
