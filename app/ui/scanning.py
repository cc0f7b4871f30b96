"""One shared scanner per company profile and interface language.

Loading the Dutch and English pipelines takes seconds, so pages never build their
own Scanner: they call `get_scanner`, which keeps one per (profile content, language)
for the life of the server process.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

import streamlit as st
from pydantic import ValidationError

from app.storage import Storage
from exposure.models import Post
from exposure.profile import CompanyProfile, sample_profile
from exposure.scanner import Scanner

_LOG = logging.getLogger(__name__)

# Each scanner holds two spaCy pipelines; a handful of profiles/languages is plenty.
_MAX_SCANNERS = 4


def _profile_document(storage: Storage) -> dict[str, Any] | None:
    current = storage.current_profile()
    return None if current is None else dict(current.document)


def _fingerprint(document: dict[str, Any] | None) -> str:
    # The content, not the version number, identifies a profile: version 1 in one
    # database need not equal version 1 in another (tests open many databases).
    if document is None:
        return "sample"
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _profile(document: dict[str, Any] | None) -> CompanyProfile:
    if document is None:
        return sample_profile()
    try:
        return CompanyProfile.model_validate(document)
    except ValidationError:
        # A stored profile was validated when saved; if it no longer validates (an
        # older format), scanning with the sample profile beats showing no page.
        _LOG.exception("the stored company profile does not validate; using the sample profile")
        return sample_profile()


# One short text per pipeline and one for the language detector: the first call of
# each pays for lazy set-up (the detector's models take about a second), which should
# happen while loading, not in an employee's first check.
_WARM_UP = (
    Post(id="warm-up-nl", text="Morgen nachtdienst bij poort 3.", lang="nl"),
    Post(id="warm-up-en", text="Night shift at gate 3 tomorrow.", lang="en"),
    Post(id="warm-up-detect", text="First day of school, the parents were at the gate."),
)


@st.cache_resource(show_spinner=False, max_entries=_MAX_SCANNERS)
def _scanner_for(fingerprint: str, ui_lang: str, _document: dict[str, Any] | None) -> Scanner:
    scanner = Scanner(_profile(_document), ui_lang)
    scanner.scan_posts(_WARM_UP)
    return scanner


def get_scanner(storage: Storage, ui_lang: str) -> Scanner:
    """The shared Scanner for the company profile saved in `storage` (or the sample one)."""
    document = _profile_document(storage)
    return _scanner_for(_fingerprint(document), ui_lang, document)
