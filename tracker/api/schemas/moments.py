"""Replay points as a newsroom writes them: a date means its end, in a named zone or UTC."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, tzinfo
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BeforeValidator, Field

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_or_time(value: object) -> object:
    """Turn a date written alone (YYYY-MM-DD) into a date; leave anything else to pydantic."""
    if isinstance(value, str) and _DATE_ONLY.match(value.strip()):
        return date.fromisoformat(value.strip())
    return value


#: A date (meaning the end of that day) or a time, resolved by `replay_moment`.
DateOrTime = Annotated[datetime | date, BeforeValidator(_date_or_time)]
AS_OF = (
    "a time (2025-04-02T12:00:00Z) or a date alone (2025-04-02), which means the end of that "
    "day; a date or a time without an offset is read in `tz`, else in UTC; see basis"
)


def zone(name: str | None) -> tzinfo:
    """Return the named IANA zone (UTC without a name); ValueError for an unknown one."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        message = f"unknown time zone {name!r}; use an IANA name such as Europe/Berlin"
        raise ValueError(message) from None


def replay_moment(value: datetime | date, zone_name: str | None) -> datetime:
    """Return the UTC time a replay point means: a date's last instant in the zone, or the time.

    A time with its own offset keeps it; a date or a time without one is read in the zone.
    """
    where = zone(zone_name)
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.max)
    if value.tzinfo is None:
        value = value.replace(tzinfo=where)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("the time is out of range") from None


def _known_zone(name: str) -> str:
    """Refuse a zone name the time zone database does not have."""
    zone(name)
    return name


#: An IANA time zone name the time zone database has.
ZoneName = Annotated[
    str,
    Field(min_length=1, max_length=64, pattern=r"^[A-Za-z][A-Za-z0-9_+\-/]*$"),
    AfterValidator(_known_zone),
]
