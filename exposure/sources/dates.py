"""Timestamps in the shapes the platforms write them, read without the C locale."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
# Unix seconds beyond this are not a post date (year 2200), so the value is rejected.
_MAX_EPOCH = 7_258_118_400


def parse_iso(value: object) -> datetime | None:
    """An ISO 8601 date-time ("2024-05-01T10:00:00.000Z"); None when unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def from_epoch(value: object) -> datetime | None:
    """A Unix timestamp in seconds as an aware UTC date-time; None when not plausible."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not 0 < value < _MAX_EPOCH:
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def parse_twitter_date(value: object) -> datetime | None:
    """ "Wed Oct 10 20:19:24 +0000 2018", the X archive's `created_at`."""
    if not isinstance(value, str):
        return None
    parts = value.split()
    if len(parts) != 6:
        return None
    _weekday, month, day, clock, offset, year = parts
    try:
        hour, minute, second = (int(x) for x in clock.split(":"))
        sign = -1 if offset.startswith("-") else 1
        if len(offset) != 5 or offset[0] not in "+-":
            return None
        delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5]))
        return datetime(
            int(year),
            _MONTHS[month.lower()],
            int(day),
            hour,
            minute,
            second,
            tzinfo=timezone(sign * delta),
        )
    except (KeyError, ValueError):
        return None


def parse_utc_naive(value: object) -> datetime | None:
    """ "2023-05-12 08:14:33" as LinkedIn writes it: UTC without saying so."""
    parsed = parse_iso(value)
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
