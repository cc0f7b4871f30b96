"""Asking a signed-in user to read and acknowledge newly published conduct rules.

`pending_ruleset_version` is plain storage logic; `show_pending_prompt` is the
notice the app shell shows above every page until the user has acknowledged.
"""

from __future__ import annotations

import streamlit as st

from app.i18n import t
from app.storage import Storage, User
from app.ui.rules_view import ACKNOWLEDGE_PAGE, ACKNOWLEDGE_URL_PATH


def pending_ruleset_version(storage: Storage, user: User | None) -> int | None:
    """The latest published version if `user` has not acknowledged it yet, else None."""
    if user is None or not user.active:
        return None
    latest = storage.latest_published_ruleset()
    if latest is None or storage.has_acknowledged(user, latest.version):
        return None
    return latest.version


def show_pending_prompt(
    storage: Storage, user: User | None, lang: str, current_url_path: str | None = None
) -> int | None:
    """A notice with a link to the acknowledge page; nothing on that page itself.

    Returns the pending version (None when there is nothing to acknowledge).
    """
    version = pending_ruleset_version(storage, user)
    if version is None or current_url_path == ACKNOWLEDGE_URL_PATH:
        return version
    with st.container(border=True, key="notices_rules.prompt"):
        st.markdown(t("rules.prompt.text", lang, version=version))
        st.page_link(
            ACKNOWLEDGE_PAGE, label=t("rules.prompt.link", lang), icon=":material/task_alt:"
        )
    return version
