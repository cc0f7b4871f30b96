"""How the employee pages show one scanned post: risk in words, marked text, why each
finding matters, the conduct rule that applies, and the safer version to copy.

Used by the self-check, the photo check (text read from a photo) and the riskiest
posts of "My exposure", so a finding looks the same everywhere.
"""

from __future__ import annotations

import streamlit as st

from app.i18n import t
from app.ui.employee_rules import RuleLookup
from app.ui.highlight import highlighted_html, label_name, legend_html
from app.ui.text import escape_md, tm
from exposure.explain import explain
from exposure.models import PostResult
from exposure.risk import assess

_RISK_BOX = {"high": st.error, "medium": st.warning, "low": st.info, "none": st.success}
_RISK_ICON = {
    "high": ":material/error:",
    "medium": ":material/warning:",
    "low": ":material/info:",
    "none": ":material/check_circle:",
}


def risk_words(level: str, lang: str) -> str:
    """The level as one word ("hoog", "high")."""
    return t(f"employee.risk_short.{level}", lang)


def reasons(result: PostResult, lang: str) -> tuple[str, ...]:
    """The combination rules that fired, in the reader's language (not the scan's)."""
    return assess([(f.label, f.kind) for f in result.findings], lang).reasons


def risk_box(
    level: str, lang: str, why: tuple[str, ...] | list[str] = (), *, of_all_posts: bool = False
) -> None:
    """The risk level in words, with the reasons it is that high.

    `of_all_posts` words it for what several posts reveal together, not one draft.
    """
    body = t(f"employee.{'risk_all' if of_all_posts else 'risk'}.{level}", lang)
    if why:
        body += "\n\n" + "\n".join(f"- {escape_md(reason)}" for reason in why)
    _RISK_BOX.get(level, st.info)(body, icon=_RISK_ICON.get(level))


def marked_text(result: PostResult, lang: str, *, legend: bool = True) -> None:
    # highlighted_html escapes every character of the post; the markup is our own.
    # Safe: highlighted_html and legend_html escape all post text and labels.
    st.html(highlighted_html(result.text, result.findings, lang))
    if legend and result.findings:
        st.html(legend_html((f.label for f in result.findings), lang))


def finding_details(result: PostResult, lang: str, rules: RuleLookup) -> None:
    """Per finding: what was found, why it matters, and which conduct rule applies."""
    for finding in result.findings:
        with st.container(border=True):
            st.markdown(
                tm(
                    "employee.finding.heading",
                    lang,
                    label=label_name(finding.label, lang),
                    text=finding.text,
                )
            )
            st.markdown(
                tm("employee.finding.why", lang, why=explain(finding.label, finding.kind, lang))
            )
            link = rules.for_label(finding.label)
            if link is None:
                continue
            content = link.rule.content(lang)
            if link.published_version is None:
                key, version = "employee.finding.rule_catalogue", ""
            else:
                key, version = "employee.finding.rule_published", link.published_version
            st.markdown(tm(key, lang, title=content.title, rule=content.rule, version=version))


def rewrite(result: PostResult, lang: str) -> None:
    """The safer version with Streamlit's copy button (st.code shows text, never markup)."""
    st.markdown(f"**{t('employee.rewrite.title', lang)}**")
    if not result.findings:
        st.caption(t("employee.rewrite.not_needed", lang))
        return
    st.code(result.rewrite or "", language=None, wrap_lines=True)
    st.caption(t("employee.rewrite.hint", lang))


def full_result(result: PostResult, lang: str, rules: RuleLookup) -> None:
    """Everything the self-check shows about one text."""
    risk_box(result.risk, lang, reasons(result, lang))
    marked_text(result, lang)
    if result.findings:
        st.markdown(f"**{t('employee.finding.title', lang, count=len(result.findings))}**")
        finding_details(result, lang, rules)
    else:
        st.caption(t("employee.finding.none", lang))
    rewrite(result, lang)
