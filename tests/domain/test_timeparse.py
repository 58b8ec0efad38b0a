"""occurred_at keeps the precision the report gives: a moment, a day, a month or a year."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracker.domain import format_partial, parse_occurred_at, parse_timestamp


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [
        ("2025-04-02T14:30:00Z", datetime(2025, 4, 2, 14, 30, tzinfo=UTC), "exact"),
        ("2025-04-02T16:30:00+02:00", datetime(2025, 4, 2, 14, 30, tzinfo=UTC), "exact"),
        ("2025-04-02", datetime(2025, 4, 2, tzinfo=UTC), "day"),
        ("2025-04", datetime(2025, 4, 1, tzinfo=UTC), "month"),
        ("2024", datetime(2024, 1, 1, tzinfo=UTC), "year"),
    ],
)
def test_precision_is_kept_and_the_start_of_the_period_stored(
    text: str, start: datetime, precision: str
) -> None:
    """Each accepted form yields the start of its period in UTC and its precision."""
    moment, found = parse_occurred_at(text)
    assert (moment, found) == (start, precision)
    assert moment.tzinfo is not None and moment.utcoffset() == UTC.utcoffset(None)
    assert parse_occurred_at(format_partial(moment, found)) == (moment, found)


def test_a_timestamp_without_zone_is_refused_with_a_clear_message() -> None:
    """A local time is ambiguous; the message says to add a zone or give only the date."""
    with pytest.raises(ValueError, match="no time zone"):
        parse_occurred_at("2025-04-02T14:30:00")
    with pytest.raises(ValueError, match="no time zone"):
        parse_timestamp("2025-04-03T08:15:00")


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "yesterday", "25-04-02", ""])
def test_nonsense_is_refused(text: str) -> None:
    """Impossible dates and free text are refused with examples of what works."""
    with pytest.raises(ValueError, match=r"2025-04-02"):
        parse_occurred_at(text)


def test_python_dates_and_datetimes_are_accepted() -> None:
    """Forms can hand over date and aware datetime objects."""
    assert parse_occurred_at(date(2025, 4, 2)) == (datetime(2025, 4, 2, tzinfo=UTC), "day")
    aware = datetime(2025, 4, 2, 8, tzinfo=UTC)
    assert parse_occurred_at(aware) == (aware, "exact")
