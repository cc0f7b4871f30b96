"""Who is signed in to this browser session, in which language, and how they signed in.

Only the account id lives in Session State; the account itself is read from storage on
every run, so a role change, a deactivation or a password reset by an admin takes
effect on the user's next click.
"""

from __future__ import annotations

import logging

import streamlit as st

from app import accounts
from app.i18n import DEFAULT_LANG, LANGS, normalise_lang
from app.storage import Storage, User

_LOG = logging.getLogger(__name__)

_USER_ID = "session.user_id"
_VIA_SSO = "session.via_sso"
_LANG = "session.lang"
_SSO_UNKNOWN = "session.sso_unknown_email"
_SSO_CHECKED = "session.sso_checked_email"


def sso_configured() -> bool:
    """True when `.streamlit/secrets.toml` has an `[auth]` section for `st.login`."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file, or one that does not parse
        return False


def _sso_email() -> str | None:
    """The e-mail address the identity provider vouched for, if someone signed in there."""
    if not sso_configured():
        return None
    try:
        if not st.user.is_logged_in:
            return None
        email = st.user.get("email")
    except Exception:
        _LOG.exception("cannot read the single sign-on identity")
        return None
    return email if isinstance(email, str) and email.strip() else None


def sso_unknown_email() -> str | None:
    """The identity-provider e-mail for which no active account exists, if any."""
    return st.session_state.get(_SSO_UNKNOWN)


def signed_in_via_sso() -> bool:
    return bool(st.session_state.get(_VIA_SSO))


def sign_in(user: User, *, via_sso: bool = False) -> None:
    """Start a fresh session for `user`: nothing typed before sign-in is carried over."""
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    # The account's language also stays on the sign-in screen after signing out.
    st.session_state[_LANG] = normalise_lang(user.lang)
    st.session_state[_USER_ID] = user.id
    st.session_state[_VIA_SSO] = via_sso


def sign_out() -> None:
    """End the session; with single sign-on also end the identity-provider session."""
    keep_lang = st.session_state.get(_LANG)
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    if keep_lang:
        st.session_state[_LANG] = keep_lang
    # Otherwise the identity provider's cookie would sign the user straight back in.
    if _sso_email() is not None:
        st.logout()


def current_user(storage: Storage) -> User | None:
    """The signed-in, still active account; signs in by single sign-on when that applies."""
    user_id = st.session_state.get(_USER_ID)
    if user_id is not None:
        user = storage.get_user(user_id)
        if user is not None and user.active:
            return user
        sign_out()
        return None
    email = _sso_email()
    if email is None:
        st.session_state.pop(_SSO_UNKNOWN, None)
        st.session_state.pop(_SSO_CHECKED, None)
        return None
    if st.session_state.get(_SSO_CHECKED) == email:
        return None  # already looked up and refused; do not audit it on every click
    st.session_state[_SSO_CHECKED] = email
    user = accounts.user_for_sso(storage, email)
    if user is None:
        st.session_state[_SSO_UNKNOWN] = email
        return None
    sign_in(user, via_sso=True)
    return user


def lang(user: User | None) -> str:
    """The language to show: the account's choice, or before sign-in the session's."""
    if user is not None:
        return normalise_lang(user.lang)
    return normalise_lang(st.session_state.get(_LANG, DEFAULT_LANG))


def set_session_lang(value: str) -> None:
    """Choose the language for this browser session only (before sign-in)."""
    st.session_state[_LANG] = value if value in LANGS else DEFAULT_LANG


def set_user_lang(storage: Storage, user: User, value: str) -> User:
    """Store the signed-in user's language choice with their account."""
    set_session_lang(value)
    return accounts.set_language(storage, user, value)


def must_change_password(user: User) -> bool:
    """A one-time password must be replaced before anything else; not for single sign-on."""
    return user.must_change_password and not signed_in_via_sso()
