"""Self-check: an employee checks a draft post, or a photo, before publishing it.

Nothing typed or uploaded here is stored unless the employee presses save; the last
result lives only in this browser session.
"""

import streamlit as st

from app.i18n import t
from app.storage import MAX_SELF_CHECK_CHARS, StorageError
from app.ui import components, employee_render, session
from app.ui.employee_photo import photo_check
from app.ui.employee_records import result_from_record, result_record
from app.ui.employee_rules import RuleLookup
from app.ui.employee_state import SELF_CHECK_LAST
from app.ui.employee_summary import local_time
from app.ui.scanning import get_scanner
from app.ui.text import tm

ctx = components.page_context("self-check")
lang, user, storage = ctx.lang, ctx.user, ctx.storage

st.title(t("employee.self_check.title", lang))
st.caption(t("employee.self_check.intro", lang))

scanner = get_scanner(storage, lang)
rules = RuleLookup.from_storage(storage, scanner.profile)

text_tab, photo_tab, saved_tab = st.tabs(
    [
        t("employee.self_check.tab_text", lang),
        t("employee.self_check.tab_photo", lang),
        t("employee.self_check.tab_saved", lang),
    ]
)


@st.fragment
def text_check() -> None:
    """The draft check reruns on its own, so a result appears without redrawing the page."""
    if session.current_user(storage) is None:
        st.rerun()  # signed out or deactivated meanwhile: the whole app shows the gate
    with st.form("employee.self_check.form", border=False):
        draft = st.text_area(
            t("employee.self_check.draft", lang),
            max_chars=MAX_SELF_CHECK_CHARS,
            height=150,
            placeholder=t("employee.self_check.placeholder", lang),
            key="employee.self_check.draft",
        )
        submitted = st.form_submit_button(
            t("employee.self_check.submit", lang), type="primary", icon=":material/search:"
        )
    if submitted:
        if not draft.strip():
            st.session_state.pop(SELF_CHECK_LAST, None)
            st.warning(t("employee.self_check.empty", lang))
        else:
            st.session_state[SELF_CHECK_LAST] = (draft, scanner.scan_text(draft))

    last = st.session_state.get(SELF_CHECK_LAST)
    if last is None:
        return
    text, result = last
    with st.container(key="employee.self_check.result"):
        employee_render.full_result(result, lang, rules)
    st.caption(t("employee.self_check.not_stored", lang))
    if st.button(
        t("employee.self_check.save", lang),
        icon=":material/bookmark_add:",
        key="employee.self_check.save",
    ):
        try:
            storage.save_self_check(user, text, result_record(result))
        except StorageError:
            st.error(t("employee.self_check.save_failed", lang))
        else:
            components.flash("success", t("employee.self_check.saved", lang))
            st.rerun()  # the whole page, so the list of saved checks shows it


with text_tab:
    text_check()

with photo_tab:
    photo_check(scanner, rules, lang)

with saved_tab:
    saved = storage.list_self_checks(user)
    if not saved:
        st.caption(t("employee.self_check.saved_none", lang))
    for check in saved:
        result = result_from_record(check.result)
        with st.expander(
            tm(
                "employee.self_check.saved_item",
                lang,
                when=local_time(check.saved_at),
                risk=employee_render.risk_words(result.risk, lang),
                start=check.text[:60],
            )
        ):
            employee_render.marked_text(result, lang)
            if result.findings:
                st.code(result.rewrite or "", language=None, wrap_lines=True)
            if st.button(
                t("employee.self_check.delete", lang),
                icon=":material/delete:",
                key=f"employee.self_check.delete.{check.id}",
            ):
                storage.delete_self_check(user, check.id)
                components.flash("success", t("employee.self_check.deleted", lang))
                st.rerun()
    st.caption(t("employee.self_check.saved_note", lang))
