"""Pieces every page uses: the page context, the language choice, messages, the sidebar."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from app import accounts
from app.accounts import AccountError
from app.config import Settings
from app.i18n import LANGS, t
from app.storage import Storage, User
from app.ui import navigation, services, session
from app.ui.text import escape_md, tm

_FLASH = "components.flash"
_LANG_PICKER = "components.lang_picker"

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}

# Pages for later steps; each has `later.<topic>.title` and `later.<topic>.body` messages.
LATER_TOPICS = (
    "self_check",
    "my_exposure",
    "training",
    "hr_overview",
    "conduct_rules",
    "company_profile",
    "hr_scan",
)


@dataclass(frozen=True)
class PageContext:
    storage: Storage
    settings: Settings
    user: User
    lang: str


@dataclass(frozen=True)
class GateContext:
    storage: Storage
    settings: Settings
    lang: str


def page_context(url_path: str) -> PageContext:
    """Storage, user and language for a page; stops unless the user may open `url_path`.

    The menu already leaves out pages a role may not open; this second check keeps a
    page closed even if it were ever registered by mistake.
    """
    storage = services.storage_or_stop(session.lang(None))
    user = session.current_user(storage)
    lang = session.lang(user)
    if user is None or not navigation.may_open(user, url_path):
        st.error(t("app.not_allowed", lang))
        st.stop()
    return PageContext(storage, storage.settings, user, lang)


def gate_context() -> GateContext:
    """Storage and language for the pages shown before the menu (first run, sign-in)."""
    storage = services.storage_or_stop(session.lang(None))
    lang = session.lang(session.current_user(storage))
    return GateContext(storage, storage.settings, lang)


def password_rules(settings: Settings, lang: str) -> str:
    """The password rules in words, with the configured minimum length."""
    return t("common.password_rules", lang, **accounts.password_rule_params(settings))


def change_password_form(
    storage: Storage,
    user: User,
    lang: str,
    *,
    key: str,
    current_label: str,
    clear_on_submit: bool = False,
) -> bool:
    """Current, new and repeated password; True once the user's password was changed.

    Mismatches and refused passwords are shown under the form.
    """
    with st.form(f"{key}.form", clear_on_submit=clear_on_submit):
        old = st.text_input(
            t(current_label, lang), type="password", key=f"{key}.old", max_chars=1024
        )
        new = st.text_input(
            t("password.new", lang), type="password", key=f"{key}.new", max_chars=1024
        )
        repeat = st.text_input(
            t("common.password_repeat", lang),
            type="password",
            key=f"{key}.repeat",
            max_chars=1024,
        )
        submitted = st.form_submit_button(t("password.submit", lang), type="primary")
    if not submitted:
        return False
    if new != repeat:
        st.error(t("common.passwords_differ", lang))
        return False
    try:
        accounts.change_own_password(storage, user, old, new)
    except AccountError as exc:
        show_account_error(exc, lang)
        return False
    return True


def show_account_error(error: AccountError, lang: str) -> None:
    st.error(tm(error.key, lang, **(error.params or {})))


def flash(kind: str, text: str) -> None:
    """Keep a message for the next run (after `st.rerun()`); it is shown once."""
    st.session_state.setdefault(_FLASH, []).append((kind, text))


def show_flashes() -> None:
    for kind, text in st.session_state.pop(_FLASH, []):
        getattr(st, kind)(text)


def one_time_password(password: str, *, who: str, lang: str, key: str) -> None:
    """Show a one-time password once, with the warning that it will not be shown again."""
    with st.container(border=True, key=key):
        st.markdown(tm("common.one_time_password_for", lang, who=who))
        st.code(password, language=None)
        st.caption(t("common.one_time_password_once", lang))


def language_picker(lang: str, *, storage: Storage, user: User | None) -> None:
    """Choose Dutch or English: stored with the account, or for this session before sign-in."""

    def changed() -> None:
        value = st.session_state[_LANG_PICKER]
        if user is None:
            session.set_session_lang(value)
        else:
            session.set_user_lang(storage, user, value)

    st.radio(
        t("common.language", lang),
        options=list(LANGS),
        index=list(LANGS).index(lang),
        format_func=LANGUAGE_NAMES.__getitem__,
        horizontal=True,
        key=_LANG_PICKER,
        on_change=changed,
    )


def sidebar(storage: Storage, user: User, lang: str) -> None:
    """Who is signed in, the language choice and sign-out, under the menu."""
    with st.sidebar:
        st.markdown(
            tm("sidebar.signed_in_as", lang, name=user.name, role=t(f"role.{user.role}", lang))
        )
        st.caption(escape_md(user.email))
        language_picker(lang, storage=storage, user=user)
        if st.button(
            t("sidebar.sign_out", lang), key="components.sign_out", icon=":material/logout:"
        ):
            session.sign_out()
            st.rerun()


def placeholder(topic: str, lang: str) -> None:
    """A page for a later step: what it will offer, and nothing pretending to work yet."""
    if topic not in LATER_TOPICS:
        raise ValueError(f"unknown placeholder topic {topic!r}")
    st.title(t(f"later.{topic}.title", lang))
    st.markdown(t(f"later.{topic}.body", lang))
    st.info(t("later.not_yet", lang), icon=":material/construction:")
