"""HR: scan the sample set or a file of posts HR brought, and see what was found, added up."""

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from app.i18n import t
from app.ui import components, hr_charts, hr_profile, hr_shared
from app.ui.hr_scan_summary import LAST_SCAN_KEY, HrScan, label_name, summarise_scan
from app.ui.scanning import get_scanner
from app.ui.text import escape_md, tm
from exposure.sources import SourceError, load_sample_posts, read_export
from exposure.sources.limits import MAX_ARCHIVE_BYTES, MB

ctx = components.page_context("hr-scan")
lang, actor, storage = ctx.lang, ctx.user, ctx.storage

SOURCES = ("sample", "upload")
UPLOAD_TYPES = ["csv", "jsonl", "json", "js", "txt", "zip", "gz", "tgz", "tar", "car"]


def risk_name(level: str) -> str:
    return t(f"hr.risk.{level}", lang)


def run_scan(source: str, uploaded, profile_version: int | None) -> HrScan | None:
    """Read the posts and scan them with a progress bar; None (with a message) on bad input."""
    bar = st.progress(0.0, text=t("hr.scan.reading", lang))
    warnings: list[str] = []
    if source == "sample":
        posts = load_sample_posts()
        name = None
    else:
        try:
            imported = read_export(
                uploaded.name,
                uploaded.getvalue(),
                progress=lambda done, total: bar.progress(
                    min(done / total, 1.0) * 0.2 if total else 0.1,
                    text=t("hr.scan.reading_count", lang, count=done),
                ),
            )
        except SourceError as exc:
            bar.empty()
            st.error(escape_md(exc.text(lang)))
            return None
        posts, name = imported.posts, uploaded.name
        warnings = [notice.text(lang) for notice in imported.warnings]
    bar.progress(0.2, text=t("hr.scan.loading_scanner", lang))
    scanner = get_scanner(storage, lang)
    results = scanner.scan_posts(
        posts,
        progress=lambda done, total: bar.progress(
            0.2 + 0.8 * (done / total if total else 1.0),
            text=t("hr.scan.scanning", lang, done=done, total=total),
        ),
    )
    bar.empty()
    return HrScan(
        source=source,
        file_name=name,
        results=tuple(results),
        scanned_at=datetime.now(UTC),
        profile_version=profile_version,
        warnings=tuple(warnings),
    )


st.set_page_config(layout="wide")
st.title(t("hr.scan.title", lang))
st.markdown(t("hr.scan.intro", lang))

current = hr_profile.current_company_profile(storage)
if current.is_sample:
    st.info(t("hr.scan.sample_profile", lang), icon=":material/info:")
else:
    st.caption(t("hr.scan.profile_version", lang, version=current.version))

source = st.radio(
    t("hr.scan.source", lang),
    options=SOURCES,
    format_func=lambda value: t(f"hr.scan.source.{value}", lang),
    horizontal=True,
    key="hr_scan.source",
)
uploaded = None
allowed = True
if source == "upload":
    st.caption(t("hr.scan.upload_help", lang, max_mb=MAX_ARCHIVE_BYTES // MB))
    uploaded = st.file_uploader(
        t("hr.scan.file", lang),
        type=UPLOAD_TYPES,
        max_upload_size=MAX_ARCHIVE_BYTES // MB,
        key="hr_scan.file",
    )
    allowed = st.checkbox(t("hr.scan.permission", lang), key="hr_scan.permission")

if st.button(
    t("hr.scan.run", lang),
    type="primary",
    icon=":material/manage_search:",
    disabled=source == "upload" and (uploaded is None or not allowed),
    key="hr_scan.run",
):
    scan = run_scan(source, uploaded, current.version)
    if scan is not None:
        st.session_state[LAST_SCAN_KEY] = scan

scan: HrScan | None = st.session_state.get(LAST_SCAN_KEY)
if scan is not None:
    st.divider()
    where = (
        t("hr.scan.source.sample", lang)
        if scan.source == "sample"
        else tm("hr.scan.from_file", lang, name=scan.file_name or "")
    )
    st.subheader(t("hr.scan.results_title", lang))
    st.caption(
        tm(
            "hr.scan.results_caption",
            lang,
            source=where,
            at=scan.scanned_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
    )
    for warning in scan.warnings:
        st.warning(escape_md(warning))
    summary = summarise_scan(scan.results, lang, hr_profile.keep_terms(current.profile))
    first, second, third = st.columns(3)
    first.metric(t("hr.scan.metric.posts", lang), summary.total_posts)
    second.metric(t("hr.scan.metric.with_findings", lang), summary.posts_with_findings)
    third.metric(t("hr.scan.metric.high", lang), summary.by_risk.get("high", 0))

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('hr.scan.by_risk', lang)}**")
        st.altair_chart(
            hr_charts.risk_chart(
                summary.by_risk,
                {level: risk_name(level) for level in summary.by_risk},
                count_title=t("hr.chart.posts", lang),
                risk_title=t("hr.chart.risk", lang),
            ),
            key="hr_scan.risk_chart",
        )
    with right:
        st.markdown(f"**{t('hr.scan.by_label', lang)}**")
        st.altair_chart(
            hr_charts.label_chart(
                [(label_name(c.label, lang), c.posts) for c in summary.by_label if c.posts],
                count_title=t("hr.chart.posts", lang),
                label_title=t("hr.chart.label", lang),
            ),
            key="hr_scan.label_chart",
        )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("hr.chart.label", lang): label_name(count.label, lang),
                    t("hr.scan.column.posts", lang): count.posts,
                    t("hr.scan.column.findings", lang): count.findings,
                }
                for count in summary.by_label
            ]
        ),
        hide_index=True,
        height="content",
        key="hr_scan.label_table",
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("hr.chart.risk", lang): risk_name(level),
                    t("hr.scan.column.posts", lang): count,
                }
                for level, count in summary.by_risk.items()
            ]
        ),
        hide_index=True,
        key="hr_scan.risk_table",
    )

    st.markdown(f"**{t('hr.scan.top_title', lang)}**")
    st.caption(t("hr.scan.anonymised_note", lang))
    if summary.top_phrases:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("hr.scan.column.phrase", lang): phrase.phrase,
                        t("hr.chart.label", lang): label_name(phrase.label, lang),
                        t("hr.scan.column.times", lang): phrase.count,
                    }
                    for phrase in summary.top_phrases
                ]
            ),
            hide_index=True,
            key="hr_scan.top_table",
        )
    else:
        st.caption(t("hr.scan.nothing_found", lang))
    if summary.examples:
        st.markdown(f"**{t('hr.scan.examples_title', lang)}**")
        for example in summary.examples:
            labels = ", ".join(label_name(label, lang) for label in example.labels)
            st.markdown(
                f"> {escape_md(example.quote)}\n\n"
                + tm("hr.scan.example_caption", lang, risk=risk_name(example.risk), labels=labels)
            )
    st.info(t("hr.scan.to_rules", lang), icon=":material/gavel:")

st.divider()
hr_shared.render_shared_counts(
    hr_shared.shared_counts(storage, actor, hr_profile.min_group_size(storage, current.profile)),
    lang,
    key="hr_scan.shared",
)
