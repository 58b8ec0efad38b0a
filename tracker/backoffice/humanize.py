"""Numbers and times as editors read them (35 bn USD, 3 Apr 2025, 08:15), and exactly."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from tracker.backoffice.charts import compact

#: Units written against the number (12.5%); others follow a space (35 bn USD).
CLOSE_UNITS = frozenset({"%"})
#: Below this a number is written out with thousands separators (12,500).
COMPACT_FROM = Decimal(10) ** 6


def number_of(value: Any) -> Decimal | None:
    """Return a finite decimal of a number or numeric text; None for anything else."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def number_text(value: Any, unit: str = "") -> str:
    """Return a number in short form with its unit: 35000000000 USD -> 35 bn USD."""
    number = number_of(value)
    if number is None:
        return _with_unit(str(value), unit)
    if abs(number) >= COMPACT_FROM:
        short = compact(number)
    else:
        short = _grouped(number, places=2 if abs(number) >= 1 else None)
    return _with_unit(short, unit)


def number_exact(value: Any, unit: str = "") -> str:
    """Return a number in full, digits grouped, with its unit: 35,000,000,000 USD."""
    number = number_of(value)
    return _with_unit(_grouped(number) if number is not None else str(value), unit)


def moment_of(value: Any) -> datetime | None:
    """Return an aware datetime of an ISO text or a datetime; None for anything else."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and value.strip():
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def moment_text(value: Any) -> str:
    """Return a time in UTC to the minute: 2025-04-03T08:15:00.312256Z -> 3 Apr 2025, 08:15."""
    moment = moment_of(value)
    if moment is None:
        return str(value or "")
    utc = moment.astimezone(UTC)
    return f"{utc.day} {utc:%b %Y, %H:%M}"


def moment_exact(value: Any) -> str:
    """Return a time exactly as stored, in UTC: 2025-04-03 08:15:00.312256 UTC."""
    moment = moment_of(value)
    if moment is None:
        return str(value or "")
    return moment.astimezone(UTC).isoformat(sep=" ").replace("+00:00", " UTC")


def occurred_text(value: Any, precision: str | None) -> str:
    """Return a time as precisely as it is known: 2025, Apr 2025, 2 Apr 2025 or to the minute."""
    moment = moment_of(value)
    if moment is None:
        return "date not known"
    utc = moment.astimezone(UTC)
    if precision == "year":
        return f"{utc:%Y}"
    if precision == "month":
        return f"{utc:%b %Y}"
    if precision == "day":
        return f"{utc.day} {utc:%b %Y}"
    return moment_text(utc)


def occurred_exact(value: Any, precision: str | None) -> str:
    """Return what is known of a time, for the hover text: 2025-04 (known to the month)."""
    moment = moment_of(value)
    if moment is None:
        return "no date given"
    utc = moment.astimezone(UTC)
    cut = {"year": 4, "month": 7, "day": 10}.get(precision or "")
    if cut:
        return f"{utc.isoformat()[:cut]} (known to the {precision})"
    return moment_exact(utc)


def _with_unit(text: str, unit: str) -> str:
    if not unit:
        return text
    return f"{text}{unit}" if unit in CLOSE_UNITS else f"{text} {unit}"


def _grouped(number: Decimal, places: int | None = None) -> str:
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{number:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"
