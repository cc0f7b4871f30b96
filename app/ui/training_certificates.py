"""Certificates for the training pages: when one may be issued, issuing it, its PDF.

How long a certificate is valid and how early its expiry is announced are settings
(`certificate_valid_months`, `certificate_warn_days`) with the training defaults.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from app.storage import (
    CERTIFICATE_VALID_MONTHS_RANGE,
    CERTIFICATE_WARN_DAYS_RANGE,
    CertificateRecord,
    DuplicateCertificateCode,
    Storage,
    User,
)
from training import (
    Certificate,
    LearnerProgress,
    Module,
    certificate_pdf,
    certificate_status,
    course_complete,
    issue_certificate,
)
from training.certificate import DEFAULT_VALID_MONTHS, DEFAULT_WARN_DAYS, CertificateStatus

_LOG = logging.getLogger(__name__)

VALID_MONTHS_SETTING = "certificate_valid_months"
WARN_DAYS_SETTING = "certificate_warn_days"
VALID_MONTHS_RANGE = CERTIFICATE_VALID_MONTHS_RANGE
WARN_DAYS_RANGE = CERTIFICATE_WARN_DAYS_RANGE
_ISSUE_TRIES = 5  # a fresh random code colliding even twice is practically impossible


def _int_setting(storage: Storage, key: str, default: int, low: int, high: int) -> int:
    raw = storage.get_setting(key, str(default))
    try:
        value = int(str(raw).strip())
    except ValueError:
        _LOG.warning("setting %s=%r is not a whole number; using %s", key, raw, default)
        return default
    return min(max(value, low), high)


def valid_months(storage: Storage) -> int:
    return _int_setting(storage, VALID_MONTHS_SETTING, DEFAULT_VALID_MONTHS, *VALID_MONTHS_RANGE)


def warn_days(storage: Storage) -> int:
    return _int_setting(storage, WARN_DAYS_SETTING, DEFAULT_WARN_DAYS, *WARN_DAYS_RANGE)


def status_of(
    record: CertificateRecord, storage: Storage, today: date | None = None
) -> CertificateStatus:
    return certificate_status(record.expires_at, today=today, warn_days=warn_days(storage))


def may_issue(
    progress: LearnerProgress,
    modules: Sequence[Module],
    latest: CertificateRecord | None,
    status: CertificateStatus | None,
) -> bool:
    """Every module passed; for a renewal, the certificate nears its expiry and every
    module was passed again after it was issued."""
    if not course_complete(progress, modules):
        return False
    if latest is None:
        return True
    if status == "valid":
        return False
    for module in modules:
        passed_at = progress.module(module.id).passed_at
        if passed_at is None or passed_at.date() <= latest.issued_at:
            return False
    return True


def award(
    storage: Storage,
    user: User,
    modules: Sequence[Module],
    lang: str,
    company: str | None,
    today: date | None = None,
) -> CertificateRecord:
    """Issue and store a certificate with a fresh verification code."""
    titles = [module.title(lang) for module in modules]
    for _ in range(_ISSUE_TRIES):
        certificate = issue_certificate(
            user.name,
            titles,
            lang=lang,
            issued_on=today,
            valid_months=valid_months(storage),
            company=company,
        )
        try:
            return storage.issue_certificate(
                user,
                certificate.code,
                list(certificate.modules),
                certificate.issued_on,
                certificate.expires_on,
            )
        except DuplicateCertificateCode:
            continue
    raise RuntimeError("no unused verification code found")


def pdf_for(record: CertificateRecord, lang: str, company: str | None) -> bytes:
    """The PDF of a stored certificate (rebuilt on request; only the record is stored)."""
    return certificate_pdf(
        Certificate(
            learner_name=record.holder_name,
            modules=record.modules,
            issued_on=record.issued_at,
            expires_on=record.expires_at,
            code=record.code,
            lang=lang,
            company=company,
        )
    )
