"""The draft of the conduct rules: propose it, then accept, reject, edit, reorder, add, publish.

Every change is saved to storage at once, so the draft survives sign-out and
another HR user sees the same draft. The proposal's reasons and anonymised quotes
live in the draft (for HR only) and are dropped when the draft is published.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.i18n import t
from app.ui import components, rules_store
from app.ui.components import PageContext
from app.ui.hr_scan_summary import LAST_SCAN_KEY, HrScan, label_name
from app.ui.text import escape_md, tm
from exposure.conduct import (
    LANGS,
    RuleSet,
    RuleSetError,
    accept,
    add_custom,
    add_from_catalogue,
    default_catalogue,
    edit,
    move,
    set_state,
)
from exposure.conduct.ruleset import MAX_TEXT_CHARS, MAX_TITLE_CHARS, TEXT_FIELDS
from exposure.models import LABELS

SELECTED = "rules_editor.selected"
SELECT_NEXT = "rules_editor.select_next"  # set before a rerun; applied before the selectbox exists
GOTO_SECTION = "rules.goto_section"
PROPOSAL_FIGURES = "rules_figures"  # the proposal's label figures, shown with its draft
STATES = ("pending", "accepted", "rejected")
# Widget keys that hold what was typed about the current draft; dropped when it is replaced.
DRAFT_KEY_PREFIXES = ("rules_edit.", "rules_editor.", "rules_custom.", "rules_catalogue.")


def forget_draft_widgets() -> None:
    for key in [k for k in st.session_state if str(k).startswith(DRAFT_KEY_PREFIXES)]:
        del st.session_state[key]


def _store(ctx: PageContext, ruleset: RuleSet, message: str | None = None) -> None:
    rules_store.save_draft(ctx.storage, ctx.user, ruleset)
    if message:
        components.flash("success", message)
    st.rerun()


def _state_name(state: str, lang: str) -> str:
    return t(f"rules.state.{state}", lang)


def render(ctx: PageContext) -> None:
    stored = rules_store.load_draft(ctx.storage)
    if stored is None:
        _render_start(ctx)
        return
    _render_draft(ctx, stored)


# --- no draft yet: propose one ------------------------------------------------------


def _render_start(ctx: PageContext) -> None:
    lang = ctx.lang
    st.subheader(t("rules.propose.title", lang))
    st.markdown(t("rules.propose.intro", lang))
    scan: HrScan | None = st.session_state.get(LAST_SCAN_KEY)
    if scan is not None:
        st.caption(
            t(
                "rules.propose.scan_available",
                lang,
                posts=len(scan.results),
                at=scan.scanned_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            )
        )
    else:
        st.caption(t("rules.propose.no_scan", lang))
    use_scan = st.checkbox(
        t("rules.propose.use_scan", lang),
        value=scan is not None,
        disabled=scan is None,
        key="rules_propose.use_scan",
    )
    use_shared = st.checkbox(
        t("rules.propose.use_shared", lang), value=True, key="rules_propose.use_shared"
    )
    if st.button(
        t("rules.propose.submit", lang),
        type="primary",
        icon=":material/auto_awesome:",
        key="rules_propose.submit",
    ):
        proposal = rules_store.propose(
            ctx.storage,
            ctx.user,
            scan.results if use_scan and scan is not None else None,
            use_shared=use_shared,
            lang=lang,
        )
        draft = rules_store.draft_for(ctx.storage, proposal)
        forget_draft_widgets()
        st.session_state[PROPOSAL_FIGURES] = {
            "notes": list(proposal.notes),
            "posts": proposal.total_posts,
            "shared_people": proposal.shared_people,
            "stats": [stats.to_dict() for stats in proposal.label_stats],
        }
        _store(
            ctx,
            draft,
            t("rules.propose.done", lang, count=len(draft.rules), version=draft.version),
        )

    latest = rules_store.latest_published(ctx.storage)
    if latest is not None:
        st.divider()
        st.markdown(t("rules.propose.or_copy", lang, version=latest.version))
        if st.button(
            t("rules.propose.copy", lang, version=latest.version),
            icon=":material/content_copy:",
            key="rules_propose.copy",
        ):
            forget_draft_widgets()
            st.session_state.pop(PROPOSAL_FIGURES, None)
            draft = rules_store.draft_from_published(ctx.storage, latest)
            _store(ctx, draft, t("rules.draft.started", lang, version=draft.version))


# --- the draft --------------------------------------------------------------------


def _render_figures(lang: str) -> None:
    figures = st.session_state.get(PROPOSAL_FIGURES)
    if not figures:
        return
    for note in figures["notes"]:
        st.info(escape_md(note), icon=":material/info:")
    with st.expander(t("rules.figures.title", lang)):
        st.caption(
            t(
                "rules.figures.caption",
                lang,
                posts=figures["posts"],
                people=figures["shared_people"] or 0,
            )
        )
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("hr.chart.label", lang): label_name(row["label"], lang),
                        t("rules.figures.posts", lang): row["posts"],
                        t("rules.figures.high", lang): row["high_risk_posts"],
                        t("rules.figures.shared", lang): row["shared_count"],
                        t("rules.figures.exposure", lang): row["exposure"],
                    }
                    for row in figures["stats"]
                ]
            ),
            hide_index=True,
            key="rules_editor.figures_table",
        )


def _render_draft(ctx: PageContext, stored: rules_store.StoredDraft) -> None:
    lang, draft = ctx.lang, stored.ruleset
    st.subheader(t("rules.draft.title", lang, version=draft.version))
    counts = {state: sum(1 for rule in draft.rules if rule.state == state) for state in STATES}
    st.markdown(
        t(
            "rules.draft.counts",
            lang,
            accepted=counts["accepted"],
            pending=counts["pending"],
            rejected=counts["rejected"],
        )
    )
    st.caption(
        tm(
            "rules.draft.saved",
            lang,
            at=stored.saved_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            by=stored.saved_by or "-",
        )
    )
    _render_figures(lang)

    st.dataframe(
        pd.DataFrame(
            [
                {
                    "#": number,
                    t("rules.field.title", lang): rule.content(lang).title,
                    t("rules.column.state", lang): _state_name(rule.state, lang),
                    t("rules.column.severity", lang): rule.severity,
                    t("rules.column.labels", lang): ", ".join(rule.labels),
                }
                for number, rule in enumerate(draft.rules, start=1)
            ]
        ),
        hide_index=True,
        key="rules_editor.overview",
    )

    left, middle, right = st.columns(3)
    if left.button(
        t("rules.draft.accept_all", lang),
        disabled=counts["pending"] == 0,
        icon=":material/done_all:",
        key="rules_editor.accept_all",
    ):
        for rule in draft.rules:
            if rule.state == "pending":
                draft = accept(draft, rule.id)
        _store(ctx, draft, t("rules.draft.accepted_all", lang, count=counts["pending"]))
    if middle.button(
        t("rules.draft.publish", lang),
        type="primary",
        disabled=counts["accepted"] == 0,
        icon=":material/publish:",
        key="rules_editor.publish",
    ):
        _publish(ctx, draft)
    if right.button(
        t("rules.draft.discard", lang), icon=":material/delete:", key="rules_editor.discard"
    ):
        ctx.storage.discard_ruleset_draft(ctx.user)
        forget_draft_widgets()
        st.session_state.pop(PROPOSAL_FIGURES, None)
        components.flash("info", t("rules.draft.discarded", lang))
        st.rerun()
    if counts["accepted"] == 0:
        st.caption(t("rules.draft.publish_needs_accepted", lang))
    else:
        st.caption(t("rules.draft.publish_note", lang, count=counts["accepted"]))

    st.divider()
    if draft.rules:
        _render_rule_editor(ctx, draft)
    _render_add_custom(ctx, draft)
    _render_add_catalogue(ctx, draft)


def _publish(ctx: PageContext, draft: RuleSet) -> None:
    lang = ctx.lang
    try:
        published = rules_store.publish_draft(ctx.storage, ctx.user, draft)
    except RuleSetError as exc:
        st.error(t("rules.draft.publish_failed", lang, problem=escape_md(str(exc))))
        return
    forget_draft_widgets()
    st.session_state.pop(PROPOSAL_FIGURES, None)
    st.session_state[GOTO_SECTION] = "published"
    st.session_state["rules_published.goto_version"] = published.version
    components.flash("success", t("rules.draft.published", lang, version=published.version))
    st.rerun()


def _render_rule_editor(ctx: PageContext, draft: RuleSet) -> None:
    lang = ctx.lang
    ids = [rule.id for rule in draft.rules]
    wanted = st.session_state.pop(SELECT_NEXT, None)
    if wanted in ids:
        st.session_state[SELECTED] = wanted
    elif st.session_state.get(SELECTED) not in ids:
        st.session_state.pop(SELECTED, None)
    position = {rule_id: number for number, rule_id in enumerate(ids, start=1)}

    def describe(rule_id: str) -> str:
        rule = draft.get(rule_id)
        return f"{position[rule_id]}. {rule.content(lang).title} ({_state_name(rule.state, lang)})"

    st.subheader(t("rules.editor.title", lang))
    chosen = st.selectbox(t("rules.editor.choose", lang), ids, format_func=describe, key=SELECTED)
    rule = draft.get(chosen)
    st.markdown(
        tm(
            "rules.editor.status",
            lang,
            state=_state_name(rule.state, lang),
            severity=rule.severity,
            labels=", ".join(label_name(label, lang) for label in rule.labels) or "-",
        )
    )

    buttons = st.columns(5)
    for column, state, icon in zip(
        buttons[:3],
        STATES,
        (":material/hourglass_empty:", ":material/check:", ":material/close:"),
        strict=True,
    ):
        if column.button(
            t(f"rules.editor.set.{state}", lang),
            disabled=rule.state == state,
            icon=icon,
            key=f"rules_editor.set.{state}",
        ):
            st.session_state[SELECT_NEXT] = rule.id
            _store(ctx, set_state(draft, rule.id, state))
    index = ids.index(rule.id)
    if buttons[3].button(
        t("rules.editor.up", lang),
        disabled=index == 0,
        icon=":material/arrow_upward:",
        key="rules_editor.up",
    ):
        st.session_state[SELECT_NEXT] = rule.id
        _store(ctx, move(draft, rule.id, index - 1))
    if buttons[4].button(
        t("rules.editor.down", lang),
        disabled=index == len(ids) - 1,
        icon=":material/arrow_downward:",
        key="rules_editor.down",
    ):
        st.session_state[SELECT_NEXT] = rule.id
        _store(ctx, move(draft, rule.id, index + 1))
    with st.form(f"rules_editor.move_form.{rule.id}", border=False):
        target = st.number_input(
            t("rules.editor.position", lang),
            min_value=1,
            max_value=len(ids),
            value=index + 1,
            step=1,
            key=f"rules_editor.position.{rule.id}",
        )
        if st.form_submit_button(t("rules.editor.move", lang), icon=":material/low_priority:"):
            st.session_state[SELECT_NEXT] = rule.id
            _store(ctx, move(draft, rule.id, int(target) - 1))

    reasons = rule.reasons.get(lang) or ()
    if reasons or rule.quotes:
        with st.container(border=True):
            st.markdown(f"**{t('rules.editor.why_proposed', lang)}**")
            for reason in reasons:
                st.markdown(f"- {escape_md(reason)}")
            if rule.quotes:
                st.markdown(f"**{t('rules.editor.quotes', lang)}**")
                for text in rule.quotes:
                    st.markdown(f"> {escape_md(text)}")
                st.caption(t("rules.editor.quotes_note", lang))
    if rule.sources:
        st.caption(
            t("rules.editor.sources", lang)
            + " "
            + "; ".join(f"[{escape_md(s.title)}]({s.url})" for s in rule.sources)
        )
    _render_edit_form(ctx, draft, rule.id)


def _render_edit_form(ctx: PageContext, draft: RuleSet, rule_id: str) -> None:
    lang = ctx.lang
    rule = draft.get(rule_id)
    with st.form(f"rules_edit.form.{rule_id}"):
        st.markdown(f"**{t('rules.editor.edit_title', lang)}**")
        typed: dict[str, dict[str, str]] = {}
        for column, text_lang in zip(st.columns(len(LANGS)), LANGS, strict=True):
            content = rule.content(text_lang)
            with column:
                st.markdown(f"**{t(f'rules.lang.{text_lang}', lang)}**")
                typed[text_lang] = {
                    name: _text_widget(
                        name,
                        getattr(content, name),
                        t(f"rules.field.{name}", lang),
                        key=f"rules_edit.{rule_id}.{text_lang}.{name}",
                    )
                    for name in TEXT_FIELDS
                }
        saved = st.form_submit_button(
            t("rules.editor.save", lang), type="primary", icon=":material/save:"
        )
    if not saved:
        return
    if any(not typed[x]["title"].strip() or not typed[x]["rule"].strip() for x in LANGS):
        st.error(t("rules.editor.need_title_rule", lang))
        return
    try:
        changed = draft
        for text_lang in LANGS:
            changed = edit(changed, rule_id, text_lang, **typed[text_lang])
    except RuleSetError as exc:
        st.error(t("rules.editor.not_saved", lang, problem=escape_md(str(exc))))
        return
    st.session_state[SELECT_NEXT] = rule_id
    _store(ctx, changed, t("rules.editor.saved", lang))


def _text_widget(name: str, value: str, label: str, *, key: str) -> str:
    if name == "title":
        return st.text_input(label, value=value, max_chars=MAX_TITLE_CHARS, key=key)
    return st.text_area(label, value=value, max_chars=MAX_TEXT_CHARS, height=90, key=key)


def _render_add_custom(ctx: PageContext, draft: RuleSet) -> None:
    lang = ctx.lang
    with st.expander(t("rules.custom.title", lang), icon=":material/add:"):
        with st.form("rules_custom.form", clear_on_submit=True):
            st.caption(t("rules.custom.intro", lang))
            typed: dict[str, dict[str, str]] = {}
            for column, text_lang in zip(st.columns(len(LANGS)), LANGS, strict=True):
                with column:
                    st.markdown(f"**{t(f'rules.lang.{text_lang}', lang)}**")
                    typed[text_lang] = {
                        name: _text_widget(
                            name,
                            "",
                            t(f"rules.field.{name}", lang),
                            key=f"rules_custom.{text_lang}.{name}",
                        )
                        for name in TEXT_FIELDS
                    }
            labels = st.multiselect(
                t("rules.column.labels", lang),
                options=list(LABELS),
                format_func=lambda label: label_name(label, lang),
                key="rules_custom.labels",
            )
            severity = st.selectbox(
                t("rules.column.severity", lang),
                options=[1, 2, 3],
                index=1,
                format_func=lambda level: t(f"rules.severity.{level}", lang),
                key="rules_custom.severity",
            )
            added = st.form_submit_button(t("rules.custom.submit", lang), icon=":material/add:")
    if not added:
        return
    if not any(typed[x]["title"].strip() and typed[x]["rule"].strip() for x in LANGS):
        st.error(t("rules.custom.need_title_rule", lang))
        return
    try:
        changed = add_custom(
            draft,
            title={x: typed[x]["title"] for x in LANGS},
            rule={x: typed[x]["rule"] for x in LANGS},
            why={x: typed[x]["why"] for x in LANGS},
            do={x: typed[x]["do"] for x in LANGS},
            dont={x: typed[x]["dont"] for x in LANGS},
            labels=labels,
            severity=int(severity),
        )
    except RuleSetError as exc:
        st.error(t("rules.editor.not_saved", lang, problem=escape_md(str(exc))))
        return
    st.session_state[SELECT_NEXT] = changed.rules[-1].id
    _store(ctx, changed, t("rules.custom.added", lang))


def _render_add_catalogue(ctx: PageContext, draft: RuleSet) -> None:
    lang = ctx.lang
    catalogue = default_catalogue()
    present = {rule.id for rule in draft.rules}
    missing = [rule.id for rule in catalogue.rules if rule.id not in present]
    if not missing:
        return
    with st.expander(t("rules.catalogue.title", lang), icon=":material/library_add:"):
        chosen = st.selectbox(
            t("rules.catalogue.choose", lang),
            missing,
            format_func=lambda rule_id: catalogue.get(rule_id).text(lang).title,
            key="rules_catalogue.chosen",
        )
        if st.button(t("rules.catalogue.submit", lang), key="rules_catalogue.submit"):
            changed = add_from_catalogue(draft, chosen, rules_store.company_terms(ctx.storage))
            st.session_state[SELECT_NEXT] = chosen
            _store(ctx, changed, t("rules.catalogue.added", lang))
