"""The counts employees chose to share with HR, shown only for groups large enough.

Storage already hides departments below the minimum group size (and enough of the
others that the total cannot give a small one away); this module only shows what
it returns, and says plainly when there is too little to show.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.i18n import t
from app.storage import SharedCountsGroup, SharedCountsSummary, Storage, User
from app.ui import hr_charts
from app.ui.hr_scan_summary import label_name
from app.ui.text import tm
from exposure.models import LABELS


def shared_counts(storage: Storage, actor: User, min_group_size: int) -> SharedCountsSummary:
    """The aggregated shared counts; the viewing is checked and written to the audit log."""
    return storage.aggregated_shared_counts(min_group_size=min_group_size, actor=actor)


def _group_name(group: SharedCountsGroup, lang: str) -> str:
    return group.department if group.department is not None else t("hr.shared.other", lang)


def render_shared_counts(summary: SharedCountsSummary, lang: str, *, key: str) -> None:
    st.subheader(t("hr.shared.title", lang))
    st.markdown(t("hr.shared.intro", lang, min=summary.min_group_size))
    total = summary.total
    if total is None:
        st.info(t("hr.shared.too_few", lang, min=summary.min_group_size), icon=":material/lock:")
        return
    st.markdown(t("hr.shared.people", lang, people=total.people))
    rows = [(label_name(label, lang), total.counts.get(label, 0)) for label in LABELS]
    st.altair_chart(
        hr_charts.label_chart(
            [row for row in rows if row[1]],
            count_title=t("hr.chart.count", lang),
            label_title=t("hr.chart.label", lang),
        ),
        key=f"{key}.chart",
    )
    groups = [*summary.departments, *([summary.other] if summary.other else [])]
    if groups:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("common.department", lang): _group_name(group, lang),
                        t("hr.shared.people_column", lang): group.people,
                        **{label: group.counts.get(label, 0) for label in LABELS},
                    }
                    for group in groups
                ]
            ),
            hide_index=True,
            key=f"{key}.table",
        )
    if summary.hidden_departments:
        st.caption(
            tm(
                "hr.shared.hidden",
                lang,
                count=summary.hidden_departments,
                min=summary.min_group_size,
            )
        )
