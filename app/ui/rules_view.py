"""Showing conduct rules: a rule set as employees read it, and a comparison of two versions.

Every rule text was typed by HR or filled in from the company profile, so it is
shown escaped; the one place that builds HTML (the word-level comparison) escapes
each piece of text first and uses st.html, which does not read Markdown.
"""

from __future__ import annotations

import html

import streamlit as st

from app.i18n import t
from app.ui import rules_export
from app.ui.navigation import PAGES_DIR
from app.ui.text import escape_md, tm
from exposure.conduct import RuleSet, RuleSetDiff
from exposure.conduct.export import format_date

# An absolute path: st.page_link resolves it the same from any main script.
ACKNOWLEDGE_PAGE = PAGES_DIR / "acknowledge_rules.py"
ACKNOWLEDGE_URL_PATH = "conduct-rules-acknowledge"


def rule_anchor(rule_id: str) -> str:
    """The anchor of a rule on the acknowledge page, e.g. for a link from a self-check."""
    return f"rule-{rule_id}"


def render_header(ruleset: RuleSet, lang: str) -> None:
    company = ruleset.company or t("rules.our_company", lang)
    st.markdown(
        tm(
            "rules.view.heading",
            lang,
            company=company,
            version=ruleset.version,
            date=format_date(ruleset.published_at, lang),
        )
    )


def render_rules(ruleset: RuleSet, lang: str) -> None:
    """The accepted rules, numbered, each with why it matters and a do and a don't."""
    for number, rule in enumerate(ruleset.accepted(), start=1):
        text = rule.content(lang)
        st.subheader(f"{number}. {escape_md(text.title)}", anchor=rule_anchor(rule.id))
        st.markdown(escape_md(text.rule))
        if text.why:
            st.markdown(f"**{t('rules.view.why', lang)}** {escape_md(text.why)}")
        if text.do:
            st.success(
                f"**{t('rules.view.do', lang)}** {escape_md(text.do)}", icon=":material/check:"
            )
        if text.dont:
            st.error(
                f"**{t('rules.view.dont', lang)}** {escape_md(text.dont)}",
                icon=":material/block:",
            )


def export_buttons(ruleset: RuleSet, lang: str, *, key: str) -> None:
    """One download button per format; each file is only made when it is asked for."""
    columns = st.columns(len(rules_export.FORMATS))
    for column, fmt in zip(columns, rules_export.FORMATS, strict=True):
        with column:
            st.download_button(
                t(f"rules.export.{fmt}", lang),
                data=lambda fmt=fmt: rules_export.export_file(ruleset, fmt, lang).data,
                file_name=rules_export.file_name(ruleset, fmt, lang),
                mime=rules_export.MIME_TYPES[fmt],
                on_click="ignore",
                icon=":material/download:",
                key=f"{key}.{fmt}",
            )


_CHANGE_ICONS = {
    "added": ":material/add_circle:",
    "removed": ":material/remove_circle:",
    "changed": ":material/edit:",
    "moved": ":material/swap_vert:",
}


MOSTLY_REWRITTEN = 0.5  # below this share of unchanged text, old and new are shown whole


def _segments_html(segments: tuple[tuple[str, str], ...]) -> str:
    # Rule texts come from HR and the profile: every piece is escaped before it is wrapped.
    old = "".join(text for op, text in segments if op != "insert")
    new = "".join(text for op, text in segments if op != "delete")
    kept = sum(len(text) for op, text in segments if op == "equal")
    if kept < MOSTLY_REWRITTEN * max(len(old), len(new), 1):
        # Word-by-word marks in a rewritten text read as noise; show both versions whole.
        segments = (("delete", old), ("break", ""), ("insert", new))
    parts = []
    for op, text in segments:
        escaped = html.escape(text)
        if op == "delete":
            parts.append(f'<del style="background:#fde0dc">{escaped}</del>')
        elif op == "insert":
            parts.append(f'<ins style="background:#d8f5dd">{escaped}</ins>')
        elif op == "break":
            parts.append("<br>")
        else:
            parts.append(escaped)
    return "".join(parts)


def render_diff(result: RuleSetDiff, lang: str) -> None:
    """What changed between two versions, in words and with changed words marked."""
    st.markdown(escape_md(result.summary(lang)))
    if not result.changes:
        st.info(t("rules.compare.same", lang))
        return
    for change in result.changes:
        title = change.titles.get(lang) or change.rule_id
        where = ""
        if change.old_position and change.new_position:
            where = t(
                "rules.compare.positions", lang, old=change.old_position, new=change.new_position
            )
        elif change.new_position:
            where = t("rules.compare.new_position", lang, new=change.new_position)
        elif change.old_position:
            where = t("rules.compare.old_position", lang, old=change.old_position)
        kind = t(f"rules.compare.kind.{change.kind}", lang)
        icon = _CHANGE_ICONS.get(change.kind, "")
        st.markdown(f"{icon} **{kind}:** {escape_md(title)} ({where})")
        if change.severity is not None:
            st.caption(
                t("rules.compare.severity", lang, old=change.severity[0], new=change.severity[1])
            )
        for field_change in change.fields:
            st.caption(
                t(
                    "rules.compare.field",
                    lang,
                    field=t(f"rules.field.{field_change.field}", lang),
                    language=field_change.lang.upper(),
                )
            )
            # Safe: _segments_html escapes every piece of rule text.
            st.html(f"<div>{_segments_html(field_change.segments)}</div>")
