"""The three ways an employee brings their own posts to "My exposure", and the job
that reads, scans and saves them with a progress bar and a stop button.

A fetch of a public account needs two ticks on every use (this is my account; I
agree to the consent text shown) and the consent on record: the fetch button stays
disabled until both are ticked, and the worker checks the stored consent again
before it sends anything.
"""

from __future__ import annotations

import streamlit as st

from app.i18n import t
from app.storage import Storage, User
from app.ui import components
from app.ui.employee_consent import FETCH_OWN_POSTS, consent_text
from app.ui.employee_jobs import Loader, ScanJob, account_loader, export_loader, sample_loader
from app.ui.employee_state import EXPOSURE_JOB, EXPOSURE_NOTICES
from app.ui.employee_summary import local_time
from app.ui.text import escape_md, tm
from exposure.scanner import Scanner
from exposure.sources import load_personas
from exposure.sources.limits import DEFAULT_FETCH_LIMIT, MAX_ARCHIVE_BYTES, MAX_FETCH_LIMIT, MB

EXPORT_TYPES = ["zip", "json", "js", "csv", "jsonl", "tar", "gz", "tgz", "txt", "car"]
SOURCES = ("sample", "export", "account")
PLATFORMS = ("mastodon", "bluesky")
MAX_SOURCE_CHARS = 64  # what storage keeps as the scan's source


def _source_id(kind: str, detail: str) -> str:
    return f"{kind}:{detail}"[:MAX_SOURCE_CHARS]


def _start(
    storage: Storage, user: User, scanner: Scanner, source: str, loader: Loader, lang: str
) -> None:
    st.session_state.pop(EXPOSURE_NOTICES, None)
    st.session_state[EXPOSURE_JOB] = ScanJob(
        storage=storage, user=user, scanner=scanner, source=source, loader=loader, ui_lang=lang
    ).start()
    st.rerun()


def _sample(storage: Storage, user: User, scanner: Scanner, lang: str) -> None:
    personas = [p for p in load_personas() if p.demo] or load_personas()[:1]
    persona = personas[0]
    st.markdown(
        tm(
            "employee.source.sample_persona",
            lang,
            name=persona.display_name,
            role=persona.role_text(lang),
            company=persona.company,
        )
    )
    st.caption(escape_md(persona.description_text(lang)))
    if st.button(
        t("employee.source.sample_button", lang), type="primary", key="employee.source.sample_go"
    ):
        source = _source_id("sample", persona.display_name)
        _start(storage, user, scanner, source, sample_loader(persona.id), lang)


def _export(storage: Storage, user: User, scanner: Scanner, lang: str) -> None:
    st.caption(t("employee.source.export_intro", lang))
    upload = st.file_uploader(
        t("employee.source.export_upload", lang),
        type=EXPORT_TYPES,
        max_upload_size=MAX_ARCHIVE_BYTES // MB,
        key="employee.source.export_file",
    )
    column = st.text_input(
        t("employee.source.export_column", lang),
        value="text",
        max_chars=40,
        help=t("employee.source.export_column_help", lang),
        key="employee.source.export_column",
    )
    if st.button(
        t("employee.source.export_button", lang),
        type="primary",
        disabled=upload is None,
        key="employee.source.export_go",
    ):
        if upload is None:
            return
        loader = export_loader(upload.name, upload.getvalue(), text_column=column.strip() or "text")
        _start(storage, user, scanner, _source_id("export", upload.name), loader, lang)


def _account(storage: Storage, user: User, scanner: Scanner, lang: str) -> None:
    consent = consent_text(FETCH_OWN_POSTS, lang)
    platform = st.radio(
        t("employee.fetch.platform", lang),
        PLATFORMS,
        format_func=lambda p: t(f"employee.fetch.platform_{p}", lang),
        horizontal=True,
        key="employee.fetch.platform",
    )
    instance = ""
    if platform == "mastodon":
        instance = st.text_input(
            t("employee.fetch.instance", lang),
            placeholder="mastodon.social",
            max_chars=200,
            key="employee.fetch.instance",
        )
        account = st.text_input(
            t("employee.fetch.mastodon_account", lang),
            placeholder="@naam",
            max_chars=200,
            key="employee.fetch.account",
        )
    else:
        account = st.text_input(
            t("employee.fetch.bluesky_account", lang),
            placeholder="naam.bsky.social",
            max_chars=200,
            key="employee.fetch.handle",
        )
    limit = st.number_input(
        t("employee.fetch.limit", lang),
        min_value=1,
        max_value=MAX_FETCH_LIMIT,
        value=DEFAULT_FETCH_LIMIT,
        step=50,
        key="employee.fetch.limit",
    )
    own = st.checkbox(t("employee.fetch.own_account", lang), key="employee.fetch.own")
    with st.container(border=True):
        st.markdown(consent.body)  # project text from data/consent/, not user input
    agreed = st.checkbox(t("employee.fetch.agree", lang), key="employee.fetch.agree")
    filled = bool(account.strip()) and (platform != "mastodon" or bool(instance.strip()))
    ready = own and agreed and filled
    if not ready:
        st.caption(t("employee.fetch.needs", lang))
    if st.button(
        t("employee.fetch.button", lang),
        type="primary",
        disabled=not ready,
        icon=":material/cloud_download:",
        key="employee.fetch.go",
    ):
        if not ready:  # the button is disabled; this only guards a forged click
            st.error(t("employee.fetch.needs", lang))
            return
        latest = storage.latest_consent(user, FETCH_OWN_POSTS)
        if latest is None or not latest.given or latest.text_version != consent.recorded_version:
            storage.record_consent(user, FETCH_OWN_POSTS, consent.recorded_version, True)
        loader = account_loader(
            storage,
            user,
            platform,
            instance=instance.strip(),
            account=account.strip(),
            limit=int(limit),
        )
        _start(storage, user, scanner, _source_id(platform, account.strip()), loader, lang)

    latest = storage.latest_consent(user, FETCH_OWN_POSTS)
    if latest is not None and latest.given:
        st.caption(t("employee.fetch.consent_on_record", lang, when=local_time(latest.at)))
        if st.button(t("employee.fetch.withdraw", lang), key="employee.fetch.withdraw"):
            storage.record_consent(user, FETCH_OWN_POSTS, latest.text_version, False)
            components.flash("success", t("employee.fetch.withdrawn", lang))
            st.rerun()


def choose_source(storage: Storage, user: User, scanner: Scanner, lang: str) -> None:
    """The source picker and its form; starting one runs a ScanJob."""
    source = st.radio(
        t("employee.source.choose", lang),
        SOURCES,
        format_func=lambda s: t(f"employee.source.option_{s}", lang),
        key="employee.source.kind",
    )
    if source == "sample":
        _sample(storage, user, scanner, lang)
    elif source == "export":
        _export(storage, user, scanner, lang)
    else:
        _account(storage, user, scanner, lang)


@st.fragment(run_every=0.5)
def job_progress(job: ScanJob, lang: str) -> None:
    """Progress of the running job, redrawn every half second, with the stop button."""
    snap = job.snapshot()
    if snap.status != "running":
        st.rerun()  # the whole page shows the outcome
    total = snap.total or 0
    fraction = min(1.0, snap.done / total) if total else 0.0
    text = t(f"employee.job.stage_{snap.stage}", lang, done=snap.done, total=total or "?")
    st.progress(fraction, text=text)
    if job.cancelled():
        st.caption(t("employee.job.stopping", lang))
    else:
        # A callback runs before the next (fragment) rerun, so the worker sees the stop
        # at its next page or batch boundary.
        st.button(
            t("employee.job.cancel", lang),
            icon=":material/stop_circle:",
            on_click=job.cancel,
            key="employee.job.cancel",
        )
