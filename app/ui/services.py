"""The long-lived objects the pages share: settings and one Storage per database."""

from __future__ import annotations

import logging

import streamlit as st

from app.config import ConfigError, Settings, get_settings
from app.storage import Storage, open_storage
from app.ui.text import tm

_LOG = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def _storage_for(database_url: str, _settings: Settings) -> Storage:
    # Keyed by URL only: the same database must never get two engines in one process.
    return open_storage(_settings)


def settings_or_stop(lang: str) -> Settings:
    """The current settings, or a clear message instead of the page when they are invalid."""
    try:
        return get_settings()
    except ConfigError as exc:
        _LOG.error("invalid configuration: %s", exc)
        st.error(tm("app.config_invalid", lang, problem=str(exc)))
        st.stop()
        raise  # st.stop() ends the run; this line only satisfies type checkers


def storage_or_stop(lang: str) -> Storage:
    """The shared Storage, or a clear message instead of the page when it cannot open."""
    settings = settings_or_stop(lang)
    try:
        return _storage_for(settings.database_url, settings)
    except Exception:
        # The database may be unreachable or the data directory read-only; the details
        # belong in the server log, not in front of a user.
        _LOG.exception("cannot open the database")
        st.error(tm("app.storage_unavailable", lang))
        st.stop()
        raise
