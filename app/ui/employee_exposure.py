"""What "My exposure" shows about a saved scan: the dossier, timeline, counts, when-where
grid, riskiest posts and the report, plus sharing with HR and deleting everything.

Every text from a post is shown escaped: in `st.html` through `highlight`, in
Markdown through `escape_md`/`tm`, in charts as data (Vega escapes tooltips).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import altair as alt
import pandas as pd
import streamlit as st

from app.i18n import t
from app.storage import MyScan, Storage, StorageError, User
from app.ui import components, employee_render
from app.ui.employee_consent import SHARE_COUNTS, consent_text
from app.ui.employee_records import dossier_from_record, posts_from_records, results_from_records
from app.ui.employee_state import CONFIRM_DELETE, forget_results
from app.ui.employee_summary import (
    label_counts,
    local_time,
    presence_grid,
    risk_counts,
    riskiest,
    timeline,
)
from app.ui.highlight import colour, highlighted_html, label_name
from app.ui.text import escape_md, tm
from exposure.dossier import DOSSIER_SECTIONS, section_heading
from exposure.models import LABELS, RISK_LEVELS, Dossier, Post, PostResult
from exposure.report import exposure_report_pdf
from exposure.risk import assess

MAX_ITEMS_PER_SECTION = 25
MAX_POSTS_PER_ITEM = 5  # keeps the page of a large import light
RISK_COLOURS = {"none": "#9ca3af", "low": "#3b82f6", "medium": "#f59e0b", "high": "#dc2626"}


@dataclass(frozen=True)
class LoadedScan:
    scan: MyScan
    posts: list[Post]
    results: list[PostResult]
    dossier: Dossier

    @classmethod
    def of(cls, scan: MyScan) -> LoadedScan:
        posts = posts_from_records(scan.posts)
        results = results_from_records(scan.results)
        if len(posts) != len(results):  # a damaged document: show what pairs up
            size = min(len(posts), len(results))
            posts, results = posts[:size], results[:size]
        return cls(scan, posts, results, dossier_from_record(scan.dossier))

    @property
    def post_by_id(self) -> dict[str, tuple[Post, PostResult]]:
        return {p.id: (p, r) for p, r in zip(self.posts, self.results, strict=True)}


def source_text(source: str, lang: str) -> str:
    """The saved source ("mastodon:@piet@host") in words, for Markdown."""
    kind, _, detail = source.partition(":")
    if kind not in ("sample", "export", "mastodon", "bluesky"):
        kind = "other"
    return tm(f"employee.source.{kind}", lang, detail=detail or source)


def _when(post: Post, lang: str) -> str:
    return local_time(post.created_at) if post.created_at else t("employee.result.no_date", lang)


# -- summary -------------------------------------------------------------------------


def summary(loaded: LoadedScan, lang: str) -> None:
    scan = loaded.scan
    st.markdown(source_text(scan.source, lang))
    st.caption(
        t(
            "employee.result.kept",
            lang,
            when=local_time(scan.saved_at),
            until=local_time(scan.expires_at),
        )
    )
    st.info(t("employee.awareness", lang), icon=":material/visibility:")
    flagged = sum(1 for r in loaded.results if r.findings)
    cols = st.columns(3)
    cols[0].metric(t("employee.result.posts", lang), len(loaded.posts))
    cols[1].metric(t("employee.result.flagged", lang), flagged)
    cols[2].metric(
        t("employee.result.overall", lang), employee_render.risk_words(loaded.dossier.risk, lang)
    )
    pairs = [(f.label, f.kind) for r in loaded.results for f in r.findings]
    employee_render.risk_box(
        loaded.dossier.risk, lang, assess(pairs, lang).reasons, of_all_posts=True
    )


# -- the dossier ---------------------------------------------------------------------


def dossier(loaded: LoadedScan, lang: str) -> None:
    st.caption(t("employee.dossier.intro", lang))
    if not loaded.dossier.items:
        st.success(t("employee.dossier.empty", lang))
        return
    by_id = loaded.post_by_id
    for label, _, _ in DOSSIER_SECTIONS:
        items = [item for item in loaded.dossier.items if item.label == label]
        if not items:
            continue
        st.markdown(f"#### {escape_md(section_heading(label, lang))}")
        for item in items[:MAX_ITEMS_PER_SECTION]:
            with st.expander(
                tm("employee.dossier.item", lang, value=item.value, count=len(item.post_ids))
            ):
                for post_id in item.post_ids[:MAX_POSTS_PER_ITEM]:
                    pair = by_id.get(post_id)
                    if pair is None:
                        continue
                    post, result = pair
                    st.caption(_when(post, lang))
                    # highlighted_html escapes the post text.
                    # Safe: highlighted_html escapes every piece of post text.
                    st.html(highlighted_html(result.text, result.findings, lang))
                hidden = len(item.post_ids) - MAX_POSTS_PER_ITEM
                if hidden > 0:
                    st.caption(t("employee.dossier.more_posts", lang, count=hidden))
        hidden_items = len(items) - MAX_ITEMS_PER_SECTION
        if hidden_items > 0:
            st.caption(t("employee.dossier.more_items", lang, count=hidden_items))


# -- charts --------------------------------------------------------------------------


def _risk_scale(lang: str) -> alt.Scale:
    return alt.Scale(
        domain=[employee_render.risk_words(level, lang) for level in RISK_LEVELS],
        range=[RISK_COLOURS[level] for level in RISK_LEVELS],
    )


def timeline_chart(loaded: LoadedScan, lang: str) -> None:
    points = timeline(loaded.posts, loaded.results)
    if not points:
        st.caption(t("employee.timeline.no_dates", lang))
    else:
        frame = pd.DataFrame(
            {
                "when": [p.when.replace(tzinfo=None) for p in points],
                "score": [round(p.score, 2) for p in points],
                "risk": [employee_render.risk_words(p.risk, lang) for p in points],
                "findings": [p.findings for p in points],
                "post": [p.excerpt for p in points],
            }
        )
        chart = (
            alt.Chart(frame)
            .mark_circle(size=90, opacity=0.8)
            .encode(
                x=alt.X(
                    "when:T",
                    title=t("employee.timeline.x", lang),
                    axis=alt.Axis(format="%Y-%m"),  # numbers: month names would be English
                ),
                y=alt.Y(
                    "score:Q", title=t("employee.timeline.y", lang), scale=alt.Scale(domain=[0, 1])
                ),
                color=alt.Color(
                    "risk:N", title=t("employee.timeline.risk", lang), scale=_risk_scale(lang)
                ),
                tooltip=[
                    alt.Tooltip(
                        "when:T", title=t("employee.timeline.x", lang), format="%Y-%m-%d %H:%M"
                    ),
                    alt.Tooltip("risk:N", title=t("employee.timeline.risk", lang)),
                    alt.Tooltip("findings:Q", title=t("employee.timeline.findings", lang)),
                    alt.Tooltip("post:N", title=t("employee.timeline.post", lang)),
                ],
            )
            .properties(height=280)
        )
        st.altair_chart(chart, width="stretch")
        undated = len(loaded.posts) - len(points)
        if undated:
            st.caption(t("employee.timeline.undated", lang, count=undated))

    st.markdown(f"**{t('employee.counts.title', lang)}**")
    counts = label_counts(loaded.results)
    frame = pd.DataFrame(
        {
            "label": [label_name(label, lang) for label in LABELS],
            "posts": [counts[label] for label in LABELS],
            "colour": [colour(label).border for label in LABELS],
        }
    )
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=None, title=None),
            x=alt.X("posts:Q", title=t("employee.counts.x", lang)),
            color=alt.Color("colour:N", scale=None, legend=None),
            tooltip=[alt.Tooltip("label:N"), alt.Tooltip("posts:Q")],
        )
        .properties(height=28 * len(LABELS))
    )
    st.altair_chart(bars, width="stretch")
    levels = risk_counts(loaded.results)
    st.caption(
        t(
            "employee.counts.by_risk",
            lang,
            levels=", ".join(
                f"{employee_render.risk_words(level, lang)}: {levels[level]}"
                for level in RISK_LEVELS
            ),
        )
    )


def presence_chart(loaded: LoadedScan, lang: str) -> None:
    st.caption(t("employee.presence.intro", lang))
    cells = presence_grid(loaded.posts, loaded.results)
    if not any(cell.posts for cell in cells):
        st.success(t("employee.presence.none", lang))
        return
    days = t("employee.presence.days", lang).split(",")
    frame = pd.DataFrame(
        {
            "day": [days[c.weekday].strip() for c in cells],
            "hour": [c.hour for c in cells],
            "posts": [c.posts for c in cells],
        }
    )
    chart = (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X("hour:O", title=t("employee.presence.hour", lang)),
            y=alt.Y("day:O", sort=[d.strip() for d in days], title=None),
            color=alt.Color(
                "posts:Q",
                title=t("employee.presence.posts", lang),
                scale=alt.Scale(scheme="orangered"),
            ),
            tooltip=["day:O", "hour:O", "posts:Q"],
        )
        .properties(height=230)
    )
    st.altair_chart(chart, width="stretch")


# -- riskiest posts and the report ---------------------------------------------------------


def riskiest_posts(loaded: LoadedScan, lang: str) -> None:
    worst = riskiest(loaded.results)
    if not worst:
        st.success(t("employee.riskiest.none", lang))
        return
    by_id = loaded.post_by_id
    for number, result in enumerate(worst, start=1):
        post = by_id.get(result.post_id, (None, None))[0]
        with st.container(border=True):
            st.markdown(
                tm(
                    "employee.riskiest.heading",
                    lang,
                    number=number,
                    risk=employee_render.risk_words(result.risk, lang),
                    when=_when(post, lang) if post else "",
                )
            )
            employee_render.marked_text(result, lang, legend=False)
            st.caption(t("employee.rewrite.title", lang))
            st.code(result.rewrite or "", language=None, wrap_lines=True)


def report_download(loaded: LoadedScan, user: User, lang: str) -> None:
    def build() -> bytes:
        # Made only when the employee clicks: a large scan takes a moment to lay out.
        return exposure_report_pdf(
            loaded.dossier,
            loaded.posts,
            loaded.results,
            person_name=user.name,
            lang=lang,
            generated_at=datetime.now(UTC),
        )

    st.download_button(
        t("employee.report.download", lang),
        data=build,
        file_name=t("employee.report.file_name", lang),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="employee.report.download",
    )
    st.caption(t("employee.report.hint", lang))


# -- sharing with HR -------------------------------------------------------------------


def _counts_table(counts: dict[str, int], lang: str) -> None:
    st.table(
        pd.DataFrame(
            {
                t("employee.share.column_label", lang): [label_name(lb, lang) for lb in counts],
                t("employee.share.column_count", lang): list(counts.values()),
            }
        ),
        hide_index=True,
    )


def _ordered_counts(counts: dict[str, int]) -> dict[str, int]:
    return {label: counts[label] for label in LABELS if label in counts} | {
        label: n for label, n in counts.items() if label not in LABELS
    }


def share_with_hr(storage: Storage, user: User, results: Sequence[PostResult], lang: str) -> None:
    st.subheader(t("employee.share.title", lang))
    st.markdown(t("employee.share.intro", lang, min_group_size=storage.min_group_size()))
    consent = consent_text(SHARE_COUNTS, lang)
    counts = label_counts(results)
    shared = storage.my_shared_counts(user)
    if shared is not None:
        st.success(t("employee.share.sharing_since", lang, when=local_time(shared.shared_at)))
        department = shared.department or t("employee.share.no_department", lang)
        st.markdown(tm("employee.share.department", lang, department=department))
        _counts_table(_ordered_counts(shared.counts), lang)
        if shared.counts != counts:
            st.info(t("employee.share.outdated", lang))
            if st.button(t("employee.share.update", lang), key="employee.share.update"):
                try:
                    storage.share_counts(user, user.department, counts)
                except StorageError:
                    st.error(t("employee.share.failed", lang))
                else:
                    components.flash("success", t("employee.share.updated", lang))
                    st.rerun()
        if st.button(
            t("employee.share.withdraw", lang),
            type="primary",
            icon=":material/undo:",
            key="employee.share.withdraw",
        ):
            # Recorded with the version of the consent being withdrawn.
            storage.withdraw_share(user)
            components.flash("success", t("employee.share.withdrawn", lang))
            st.rerun()
        return

    if not results:
        st.caption(t("employee.share.scan_first", lang))
        return
    if not st.toggle(t("employee.share.toggle", lang), value=False, key="employee.share.toggle"):
        st.caption(t("employee.share.off", lang))
        return
    st.markdown(f"**{t('employee.share.exactly', lang)}**")
    department = user.department or t("employee.share.no_department", lang)
    st.markdown(tm("employee.share.department", lang, department=department))
    _counts_table(counts, lang)
    with st.container(border=True):
        st.markdown(consent.body)  # project text from data/consent/, not user input
    agreed = st.checkbox(t("employee.share.agree", lang), key="employee.share.agree")
    if st.button(
        t("employee.share.submit", lang),
        type="primary",
        disabled=not agreed,
        icon=":material/share:",
        key="employee.share.submit",
    ):
        if not agreed:  # the button is disabled; this only guards a forged click
            st.error(t("employee.share.agree_first", lang))
            return
        storage.record_consent(user, SHARE_COUNTS, consent.recorded_version, True)
        try:
            storage.share_counts(user, user.department, counts)
        except StorageError:
            st.error(t("employee.share.failed", lang))
            return
        components.flash("success", t("employee.share.done", lang))
        st.rerun()


# -- deleting everything ---------------------------------------------------------------


def delete_my_data(storage: Storage, user: User, lang: str) -> None:
    st.subheader(t("employee.delete.title", lang))
    st.caption(t("employee.delete.intro", lang))
    if not st.session_state.get(CONFIRM_DELETE):
        if st.button(
            t("employee.delete.button", lang),
            icon=":material/delete_forever:",
            key="employee.delete",
        ):
            st.session_state[CONFIRM_DELETE] = True
            st.rerun()
        return
    st.warning(t("employee.delete.confirm_text", lang), icon=":material/warning:")
    yes, no = st.columns(2)
    if yes.button(
        t("employee.delete.confirm", lang), type="primary", key="employee.delete.confirm"
    ):
        deleted = storage.delete_my_data(user)
        forget_results()
        components.flash(
            "success",
            t(
                "employee.delete.done",
                lang,
                posts=deleted.posts,
                checks=deleted.self_checks,
                shared=deleted.shared_counts,
            ),
        )
        st.rerun()
    if no.button(t("employee.delete.cancel", lang), key="employee.delete.cancel"):
        st.session_state.pop(CONFIRM_DELETE, None)
        st.rerun()
