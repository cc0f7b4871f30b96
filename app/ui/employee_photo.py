"""The photo check of the self-check page: what a photo's file data gives away, a copy
without it, and the text in the picture scanned like a post.

The upload stays in this browser session's memory only: nothing is written to disk
or to the database, and what was worked out from one file is dropped as soon as
another file (or none) is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from app.i18n import t
from app.ui import employee_render
from app.ui.employee_rules import RuleLookup
from app.ui.employee_state import PHOTO_ANALYSIS
from app.ui.text import escape_md
from exposure.models import PostResult
from exposure.photo import (
    MAX_BYTES,
    PhotoError,
    PhotoMetadata,
    ocr_available,
    read_photo_metadata,
    read_text,
    strip_metadata,
)
from exposure.scanner import Scanner

PHOTO_TYPES = ["jpg", "jpeg", "png", "webp", "gif", "tif", "tiff", "bmp"]
_STATE = PHOTO_ANALYSIS
_UPLOAD = "employee.photo.upload"
_CALM_KEYS = frozenset({"photo.no_metadata"})


@dataclass(frozen=True)
class PhotoAnalysis:
    file_id: str
    metadata: PhotoMetadata | None
    error: PhotoError | None
    clean: tuple[bytes, str] | None  # the copy without metadata, and its MIME type
    ocr_text: str | None  # None: OCR not run (unavailable or failed)
    ocr_error: PhotoError | None
    ocr_result: PostResult | None


def _analyse(file_id: str, data: bytes, scanner: Scanner) -> PhotoAnalysis:
    try:
        metadata = read_photo_metadata(data)
        clean = strip_metadata(data)
    except PhotoError as exc:
        return PhotoAnalysis(file_id, None, exc, None, None, None, None)
    ocr_text = ocr_error = ocr_result = None
    if ocr_available():
        try:
            ocr_text = read_text(data)
        except PhotoError as exc:
            ocr_error = exc
        if ocr_text:
            ocr_result = scanner.scan_text(ocr_text, post_id="photo")
    return PhotoAnalysis(file_id, metadata, None, clean, ocr_text, ocr_error, ocr_result)


def _analysis_for(upload: UploadedFile, scanner: Scanner, lang: str) -> PhotoAnalysis:
    current = st.session_state.get(_STATE)
    if isinstance(current, PhotoAnalysis) and current.file_id == upload.file_id:
        return current
    with st.spinner(t("employee.photo.reading", lang)):
        analysis = _analyse(upload.file_id, upload.getvalue(), scanner)
    st.session_state[_STATE] = analysis
    return analysis


def _clean_name(mime: str) -> str:
    return "foto-zonder-metadata." + ("jpg" if mime == "image/jpeg" else "png")


def _metadata(meta: PhotoMetadata, lang: str) -> None:
    for warning in meta.warnings:
        # Warnings quote values from the file (names, comments): escaped.
        text = escape_md(warning.text(lang))
        if warning.key in _CALM_KEYS:
            st.info(text, icon=":material/check_circle:")
        else:
            st.warning(text, icon=":material/warning:")
    if meta.gps is not None:
        st.markdown(f"**{t('employee.photo.map_title', lang)}**")
        st.caption(
            t(
                "employee.photo.map_caption",
                lang,
                lat=f"{meta.gps.latitude:.5f}",
                lon=f"{meta.gps.longitude:.5f}",
            )
        )
        # Map tiles come from an outside map service, which then sees the area shown;
        # so the map appears only when the employee asks for it.
        if st.toggle(t("employee.photo.map_show", lang), value=False, key="employee.photo.map"):
            st.map(
                pd.DataFrame({"lat": [meta.gps.latitude], "lon": [meta.gps.longitude]}),
                zoom=13,
                height=260,
            )


def photo_check(scanner: Scanner, rules: RuleLookup, lang: str) -> None:
    st.caption(t("employee.photo.intro", lang))
    upload = st.file_uploader(
        t("employee.photo.upload", lang),
        type=PHOTO_TYPES,
        max_upload_size=max(1, MAX_BYTES // 1_000_000),
        key=_UPLOAD,
        help=t("employee.photo.upload_help", lang, limit_mb=MAX_BYTES // 1_000_000),
    )
    if upload is None:
        st.session_state.pop(_STATE, None)  # forget the previous photo at once
        return
    analysis = _analysis_for(upload, scanner, lang)
    if analysis.error is not None:
        st.error(escape_md(analysis.error.text(lang)))
        return
    assert analysis.metadata is not None and analysis.clean is not None
    _metadata(analysis.metadata, lang)

    clean_bytes, mime = analysis.clean
    st.download_button(
        t("employee.photo.download", lang),
        data=clean_bytes,
        file_name=_clean_name(mime),
        mime=mime,
        icon=":material/download:",
        key="employee.photo.download",
    )
    st.caption(t("employee.photo.download_hint", lang))

    st.markdown(f"**{t('employee.photo.ocr_title', lang)}**")
    if not ocr_available():
        st.caption(t("employee.photo.ocr_unavailable", lang))
    elif analysis.ocr_error is not None:
        st.warning(escape_md(analysis.ocr_error.text(lang)))
    elif not analysis.ocr_text or analysis.ocr_result is None:
        st.caption(t("employee.photo.ocr_none", lang))
    else:
        with st.container(key="employee.photo.ocr_result"):
            employee_render.full_result(analysis.ocr_result, lang, rules)
    st.caption(t("employee.photo.not_stored", lang))
