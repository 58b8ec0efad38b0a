"""Times as reports give them: full timestamps, or a day, a month or a year."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import lru_cache

PRECISIONS = ("exact", "day", "month", "year")

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_EXAMPLES = "e.g. 2025-04-02T14:30:00Z, 2025-04-02, 2025-04 or 2025"


def parse_occurred_at(value: str | date | datetime) -> tuple[datetime, str]:
    """Parse a partial time into (start of the period in UTC, precision); raise ValueError."""
    if isinstance(value, datetime):
        return _aware(value), "exact"
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC), "day"
    text = value.strip()
    try:
        if match := _YEAR.match(text):
            return datetime(int(match[1]), 1, 1, tzinfo=UTC), "year"
        if match := _MONTH.match(text):
            return datetime(int(match[1]), int(match[2]), 1, tzinfo=UTC), "month"
        if match := _DAY.match(text):
            return datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC), "day"
    except ValueError:
        raise ValueError(f"{_shown(text)} is not a real date ({_EXAMPLES})") from None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{_shown(text)} is not a time; use ISO 8601, {_EXAMPLES}") from None
    return _aware(parsed), "exact"


def parse_timestamp(value: str | datetime) -> datetime:
    """Parse a full ISO timestamp with a zone into UTC; raise ValueError otherwise."""
    if isinstance(value, datetime):
        return _aware(value)
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            f"{_shown(value)} is not a timestamp; use ISO 8601 with a zone, "
            "e.g. 2025-04-03T08:15:00Z"
        ) from None
    return _aware(parsed)


def _shown(text: str) -> str:
    """Return the text as an error message quotes it: in quotes, long ones cut."""
    return repr(text if len(text) <= 60 else text[:57] + "...")


def format_partial(moment: datetime, precision: str) -> str:
    """Return the canonical text of a partial time: 2025, 2025-04, 2025-04-02 or a timestamp."""
    if precision == "year":
        return f"{moment.year:04d}"
    if precision == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    if precision == "day":
        return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    return iso(moment)


def iso(moment: datetime) -> str:
    """Return an ISO 8601 text in UTC with a trailing Z."""
    if moment.tzinfo is None:
        return _utc_text(moment)
    return _aware_utc_text(moment, moment.fold)


@lru_cache(maxsize=1 << 14, typed=True)
def _aware_utc_text(moment: datetime, fold: int) -> str:
    """Return the UTC text of an aware time; `fold` keeps a repeated wall-clock hour apart."""
    return _utc_text(moment)


def _utc_text(moment: datetime) -> str:
    """Return the ISO 8601 text of a time in UTC with a trailing Z."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        raise ValueError(
            f"{moment.isoformat()!r} has no time zone; add one (Z or +02:00), "
            "or give only the date, month or year"
        )
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00+05:00 is still year 0 in UTC
        raise ValueError(
            f"{moment.isoformat()!r} is out of range: in UTC it falls before year 1 or after 9999"
        ) from None
