"""Published conduct-rule versions: read, export, and who acknowledged them.

Names of those who acknowledged are HR's to see (viewing them is audited); rates
per department are shown only for departments of at least the minimum group size.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.i18n import LANGS, t
from app.ui import components, hr_profile, rules_store, rules_view
from app.ui.components import PageContext
from app.ui.rules_editor import GOTO_SECTION, forget_draft_widgets
from app.ui.text import tm
from exposure.conduct import GroupRate, RuleSet
from exposure.conduct.export import format_date

VERSION = "rules_published.version"
GOTO_VERSION = "rules_published.goto_version"


def _percent(group: GroupRate) -> str:
    return f"{round(100 * group.rate)}%"


def render(ctx: PageContext) -> None:
    lang = ctx.lang
    versions = rules_store.published_versions(ctx.storage)
    if not versions:
        st.info(t("rules.published.none", lang), icon=":material/info:")
        return
    by_version = {ruleset.version: ruleset for ruleset in versions}
    wanted = st.session_state.pop(GOTO_VERSION, None)
    if wanted in by_version:
        st.session_state[VERSION] = wanted
    elif st.session_state.get(VERSION) not in by_version:
        st.session_state.pop(VERSION, None)
    chosen = st.selectbox(
        t("rules.published.choose", lang),
        options=list(by_version),
        format_func=lambda version: t(
            "rules.published.option",
            lang,
            version=version,
            date=format_date(by_version[version].published_at, lang),
        ),
        key=VERSION,
    )
    ruleset = by_version[chosen]
    st.markdown(
        tm(
            "rules.published.meta",
            lang,
            version=ruleset.version,
            date=format_date(ruleset.published_at, lang),
            by=ruleset.published_by or "-",
            count=len(ruleset.accepted()),
        )
    )
    if chosen == versions[0].version:
        st.caption(t("rules.published.is_latest", lang))
    with st.expander(t("rules.published.read", lang), icon=":material/menu_book:"):
        rules_view.render_rules(ruleset, lang)

    st.markdown(f"**{t('rules.export.title', lang)}**")
    export_lang = st.radio(
        t("rules.export.lang", lang),
        options=list(LANGS),
        index=list(LANGS).index(lang),
        format_func=lambda value: t(f"rules.lang.{value}", lang),
        horizontal=True,
        key="rules_published.export_lang",
    )
    rules_view.export_buttons(ruleset, export_lang, key=f"rules_published.export.{chosen}")

    st.divider()
    _render_acknowledgements(ctx, ruleset)

    if rules_store.load_draft(ctx.storage) is None:
        st.divider()
        if st.button(
            t("rules.published.new_draft", lang, version=ruleset.version),
            icon=":material/edit_note:",
            key="rules_published.new_draft",
        ):
            forget_draft_widgets()
            draft = rules_store.draft_from_published(ctx.storage, ruleset)
            rules_store.save_draft(ctx.storage, ctx.user, draft)
            st.session_state[GOTO_SECTION] = "draft"
            components.flash("success", t("rules.draft.started", lang, version=draft.version))
            st.rerun()


def _render_acknowledgements(ctx: PageContext, ruleset: RuleSet) -> None:
    lang = ctx.lang
    st.subheader(t("rules.acks.title", lang, version=ruleset.version))
    overview = rules_store.acknowledgement_overview(
        ctx.storage, ctx.user, ruleset.version, hr_profile.min_group_size(ctx.storage)
    )
    stats = overview.stats
    if stats.total is None:
        st.info(t("rules.acks.too_few", lang, min=stats.min_group_size), icon=":material/lock:")
    else:
        st.metric(
            t("rules.acks.total", lang),
            t(
                "rules.acks.total_value",
                lang,
                acknowledged=stats.total.acknowledged,
                members=stats.total.members,
            ),
            delta=_percent(stats.total),
            delta_color="off",
        )
        groups = [*stats.departments, *([stats.other] if stats.other else [])]
        if groups:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            t("common.department", lang): group.name
                            if group.name is not None
                            else t("rules.acks.other", lang),
                            t("rules.acks.members", lang): group.members,
                            t("rules.acks.acknowledged", lang): group.acknowledged,
                            t("rules.acks.rate", lang): _percent(group),
                        }
                        for group in groups
                    ]
                ),
                hide_index=True,
                key="rules_published.rates",
            )
        if stats.hidden_departments:
            st.caption(
                t(
                    "rules.acks.hidden",
                    lang,
                    count=stats.hidden_departments,
                    min=stats.min_group_size,
                )
            )

    st.markdown(f"**{t('rules.acks.who', lang)}**")
    if not overview.names:
        st.caption(t("rules.acks.nobody", lang))
        return
    st.caption(t("rules.acks.count", lang, count=len(overview.names)))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("common.name", lang): name,
                    t("common.email", lang): email,
                    t("rules.acks.when", lang): when.astimezone().strftime("%Y-%m-%d %H:%M"),
                }
                for name, email, when in overview.names
            ]
        ),
        hide_index=True,
        key="rules_published.who",
    )
