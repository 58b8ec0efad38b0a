"""Payloads are refused, with a field and a message, past what the read models can hold."""

from __future__ import annotations

from typing import Any

import pytest

from tests.domain.conftest import visit_body
from tracker.domain import ValidationFailed, bounds, parse_development, parse_timestamp
from tracker.domain.timeparse import parse_occurred_at


@pytest.mark.parametrize("text", ["0001-01-01T00:00:00+00:01", "9999-12-31T23:59:59-00:01"])
def test_a_time_whose_offset_leaves_the_calendar_is_a_value_error(text: str) -> None:
    """A time that is before year 1 or after 9999 in UTC raises ValueError, not OverflowError."""
    with pytest.raises(ValueError, match="out of range"):
        parse_occurred_at(text)
    with pytest.raises(ValueError, match="out of range"):
        parse_timestamp(text)


def test_the_ends_of_the_calendar_in_utc_are_times() -> None:
    """Year 1 and year 9999 in UTC (or with an offset that stays inside) parse."""
    assert parse_timestamp("0001-01-01T05:00:00+05:00").year == 1
    assert parse_occurred_at("9999-12-31T23:59:59.999999Z")[0].year == 9999


def figure(value: Any) -> dict[str, Any]:
    """Return a figure development with this value."""
    body = visit_body(type="figure", metric="trade", value=value, unit="USD", period="2024")
    return {
        key: body[key] for key in ("type", "summary", "source", "metric", "value", "unit", "period")
    }


@pytest.mark.parametrize("value", ["999999999999999999999999.999999", "-0.000001", 10**23])
def test_figure_values_of_numeric_30_6_are_valid(value: Any) -> None:
    """Up to 24 digits before the point and 6 after it, a figure value is kept exactly."""
    assert parse_development(figure(value)).value is not None  # type: ignore[attr-defined]


@pytest.mark.parametrize("value", [10**24, "1e24", "-1E+24", "0.0000001", "1E-100000"])
def test_figure_values_past_numeric_30_6_are_refused(value: Any) -> None:
    """10**24 and beyond, more than 6 decimals and huge exponents are refused on `value`."""
    with pytest.raises(ValidationFailed) as refused:
        parse_development(figure(value))
    assert [error["field"] for error in refused.value.errors] == ["value"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"destination": "a\x00b"}, "destination"),
        ({"hosts": [{"name": f"H{n}"} for n in range(bounds.LIST_ITEMS + 1)]}, "hosts"),
        ({"source": {"outlet": "W", "language": "de-" + "x" * 14}}, "source.language"),
        ({"source": {"outlet": "W", "url": "https://a.b/" + "\U00020000" * 300}}, "source.url"),
        ({"visitor": {"name": "\ufdfa" * bounds.TEXT_LENGTH}}, "visitor.name"),
        ({"occurred_at": "2025-04-02" + " " * bounds.TIME_LENGTH}, "occurred_at"),
    ],
)
def test_fields_past_their_bounds_are_refused(changes: dict[str, Any], field: str) -> None:
    """NUL, too many items, long language codes, addresses past 1200 bytes, names that decompose
    past an index key and overlong times are refused on their field."""
    with pytest.raises(ValidationFailed) as refused:
        parse_development(visit_body(**changes))
    assert field in [error["field"] for error in refused.value.errors]
