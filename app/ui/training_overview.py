"""The learner's list of modules with their status, the certificate and their own scores."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from app.i18n import t
from app.storage import Storage, StorageError, User
from app.ui import components, training_certificates, training_walk
from app.ui.training_course import ModuleStatus, company_texts, module_status
from training import AttemptsExhausted, LearnerProgress, Module, score_history
from training.certificate import format_date
from training.progress import passed_modules

_LOG = logging.getLogger(__name__)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def status_text(status: ModuleStatus, lang: str) -> str:
    if status.state == "in_progress":
        step = min((status.position or 0) + 1, status.steps)
        return t("training.status.in_progress", lang, step=step, total=status.steps)
    if status.state == "passed":
        return t("training.status.passed", lang, score=_percent(status.best_score))
    if status.state == "not_passed":
        return t("training.status.not_passed", lang, score=_percent(status.best_score))
    return t("training.status.not_started", lang)


def _button_label(status: ModuleStatus) -> str:
    return {
        "not_started": "training.open.start",
        "in_progress": "training.open.resume",
        "passed": "training.open.again",
        "not_passed": "training.open.retry",
    }[status.state]


def show_modules(
    storage: Storage, user: User, lang: str, modules: Sequence[Module], progress: LearnerProgress
) -> None:
    for module in modules:
        status = module_status(progress, module, lang)
        with st.container(border=True, key=f"training.module.{module.id}"):
            st.subheader(f"{module.meta.order}. {module.title(lang)}")
            st.markdown(module.meta.summary.get(lang))
            st.markdown(f"**{status_text(status, lang)}**")
            st.caption(
                t(
                    "training.module_facts",
                    lang,
                    minutes=module.minutes,
                    mark=round(module.pass_mark * 100),
                    attempts=status.attempts,
                )
            )
            if status.attempts_left is not None and status.state == "not_passed":
                st.caption(t("training.result.attempts_left", lang, count=status.attempts_left))
            blocked = status.state == "not_passed" and status.attempts_left == 0
            if blocked:
                st.warning(t("training.open.no_attempts", lang))
            elif st.button(
                t(_button_label(status), lang),
                key=f"training.open.{module.id}",
                type="primary" if status.state in ("in_progress", "not_started") else "secondary",
            ):
                try:
                    training_walk.open_module(storage, user, progress, module, lang)
                except AttemptsExhausted:
                    st.warning(t("training.open.no_attempts", lang))
                else:
                    st.rerun()


def show_certificate(
    storage: Storage, user: User, lang: str, modules: Sequence[Module], progress: LearnerProgress
) -> None:
    st.header(t("training.certificate.title", lang))
    company = company_texts(storage, lang).company
    latest = storage.latest_certificate(user)
    status = training_certificates.status_of(latest, storage) if latest is not None else None
    if latest is not None:
        expires = format_date(latest.expires_at, lang)
        message = {
            "valid": ("success", "training.certificate.valid"),
            "expiring": ("warning", "training.certificate.expiring"),
            "expired": ("error", "training.certificate.expired"),
        }[status or "valid"]
        getattr(st, message[0])(t(message[1], lang, date=expires))
        st.markdown(
            t(
                "training.certificate.details",
                lang,
                issued=format_date(latest.issued_at, lang),
                expires=expires,
                code=latest.code,
            )
        )
        st.download_button(
            t("training.certificate.download", lang),
            data=training_certificates.pdf_for(latest, lang, company),
            file_name=f"certificate-{latest.code}.pdf",
            mime="application/pdf",
            key="training.certificate.download",
            icon=":material/download:",
        )
    if training_certificates.may_issue(progress, modules, latest, status):
        st.markdown(t("training.certificate.ready", lang))
        if st.button(
            t("training.certificate.issue", lang),
            key="training.certificate.issue",
            type="primary",
            icon=":material/workspace_premium:",
        ):
            try:
                training_certificates.award(storage, user, modules, lang, company)
            except (StorageError, RuntimeError):
                _LOG.exception("issuing a certificate failed")
                st.error(t("training.certificate.failed", lang))
            else:
                components.flash("success", t("training.certificate.issued", lang))
                st.rerun()
    elif latest is None:
        passed = len(passed_modules(progress, modules))
        st.info(t("training.certificate.not_yet", lang, passed=passed, total=len(modules)))
    elif status != "valid":
        st.info(t("training.certificate.renew", lang))


def show_history(lang: str, modules: Sequence[Module], progress: LearnerProgress) -> None:
    rows = [
        {
            t("training.history.module", lang): module.title(lang),
            t("training.history.attempt", lang): entry.attempt,
            t("training.history.date", lang): format_date(entry.finished_at.date(), lang),
            t("training.history.score", lang): _percent(entry.score),
            t("training.history.passed", lang): t(
                "training.history.yes" if entry.passed else "training.history.no", lang
            ),
        }
        for module in modules
        for entry in score_history(progress, module.id)
    ]
    with st.expander(t("training.history.title", lang), icon=":material/insights:"):
        st.caption(t("training.history.private", lang))
        if rows:
            st.dataframe(pd.DataFrame(rows), hide_index=True, key="training.history.table")
        else:
            st.markdown(t("training.history.empty", lang))
