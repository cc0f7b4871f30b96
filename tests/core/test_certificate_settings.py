"""The stored certificate settings: range-checked when stored, defaults as in training/."""

from __future__ import annotations

import pytest

from app.storage import (
    CERTIFICATE_VALID_MONTHS_RANGE,
    CERTIFICATE_WARN_DAYS_RANGE,
    DEFAULT_SETTINGS,
    InvalidSetting,
    Storage,
)
from app.ui import training_certificates
from training.certificate import DEFAULT_VALID_MONTHS, DEFAULT_WARN_DAYS


def test_storage_and_the_certificate_views_agree_on_defaults_and_ranges() -> None:
    assert DEFAULT_SETTINGS["certificate_valid_months"] == str(DEFAULT_VALID_MONTHS)
    assert DEFAULT_SETTINGS["certificate_warn_days"] == str(DEFAULT_WARN_DAYS)
    # A value storage accepts must be the value the views use, not clamped to another.
    assert CERTIFICATE_VALID_MONTHS_RANGE == training_certificates.VALID_MONTHS_RANGE
    assert CERTIFICATE_WARN_DAYS_RANGE == training_certificates.WARN_DAYS_RANGE


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("certificate_valid_months", CERTIFICATE_VALID_MONTHS_RANGE[0] - 1),
        ("certificate_valid_months", CERTIFICATE_VALID_MONTHS_RANGE[1] + 1),
        ("certificate_valid_months", "twelve"),
        ("certificate_valid_months", "12.5"),
        ("certificate_warn_days", CERTIFICATE_WARN_DAYS_RANGE[0] - 1),
        ("certificate_warn_days", CERTIFICATE_WARN_DAYS_RANGE[1] + 1),
        ("certificate_warn_days", ""),
    ],
)
def test_an_out_of_range_certificate_setting_is_refused(
    backend_storage: Storage, key: str, value
) -> None:
    with pytest.raises(InvalidSetting, match=f"setting {key} must be a whole number") as caught:
        backend_storage.set_setting(key, value)
    assert (caught.value.low, caught.value.high) in (
        CERTIFICATE_VALID_MONTHS_RANGE,
        CERTIFICATE_WARN_DAYS_RANGE,
    )
    assert backend_storage.get_setting(key) == DEFAULT_SETTINGS[key]


def test_a_valid_certificate_setting_is_stored_and_read_at_once(backend_storage: Storage) -> None:
    backend_storage.set_setting("certificate_valid_months", CERTIFICATE_VALID_MONTHS_RANGE[1])
    backend_storage.set_setting("certificate_warn_days", CERTIFICATE_WARN_DAYS_RANGE[0])
    assert training_certificates.valid_months(backend_storage) == CERTIFICATE_VALID_MONTHS_RANGE[1]
    assert training_certificates.warn_days(backend_storage) == CERTIFICATE_WARN_DAYS_RANGE[0]
