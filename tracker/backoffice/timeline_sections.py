"""Order a story's timeline by the time its dates cover, in month sections with a jump list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from tracker.backoffice.humanize import moment_of

#: Finer dates first when two periods end together (a day before the month it ends).
RANK = {"exact": 0, "day": 1, "month": 2, "year": 3}
#: Every section starts open up to this many developments; beyond it only the newest do.
OPEN_ALL_UP_TO = 15
OPEN_NEWEST = 2
UNDATED = "undated"


def period_end(moment: datetime, precision: str | None) -> datetime:
    """Return the end of the period a date stands for: a month ends where the next begins."""
    utc = moment.astimezone(UTC)
    if precision == "year":
        return datetime(utc.year + 1, 1, 1, tzinfo=UTC)
    if precision == "month":
        first = utc.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        return (first + timedelta(days=32)).replace(day=1)
    if precision == "day":
        return utc.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return utc + timedelta(microseconds=1)


def timeline_order(entries: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Return developments by the end of the period each date covers: April after its days.

    A month-precision item comes after every day of that month, a year after its months;
    undated ones come last, in the order given.
    """

    def key(item: tuple[int, Mapping[str, Any]]) -> tuple[int, datetime, int, int]:
        index, entry = item
        moment = moment_of(entry.get("occurred_at"))
        if moment is None:
            return 1, datetime.max.replace(tzinfo=UTC), 0, index
        precision = entry.get("occurred_precision")
        return 0, period_end(moment, precision), RANK.get(precision or "", 0), index

    return [entry for _, entry in sorted(enumerate(entries), key=key)]


def timeline_sections(entries: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the timeline in sections by month (a year alone when only the year is known)."""
    sections: list[dict[str, Any]] = []
    for entry in timeline_order(entries):
        key, title, label = _section_of(entry)
        if not sections or sections[-1]["key"] != key:
            sections.append({"key": key, "id": f"when-{key}", "title": title, "label": label,
                             "entries": []})  # fmt: skip
        sections[-1]["entries"].append(entry)
    years_with_months = {s["key"][:4] for s in sections if len(s["key"]) == 7}
    newest = len(sections) - OPEN_NEWEST
    for index, section in enumerate(sections):
        if len(section["key"]) == 4 and section["key"] in years_with_months:
            section["title"] = f"{section['key']}, month not known"
        section["open"] = len(entries) <= OPEN_ALL_UP_TO or index >= newest
    return sections


def _section_of(entry: Mapping[str, Any]) -> tuple[str, str, str]:
    """Return (key, title, jump-list label) of the section a development belongs to."""
    moment = moment_of(entry.get("occurred_at"))
    if moment is None:
        return UNDATED, "Date not known", "date not known"
    utc = moment.astimezone(UTC)
    if entry.get("occurred_precision") == "year":
        return f"{utc:%Y}", f"{utc:%Y}", f"{utc:%Y}"
    return f"{utc:%Y-%m}", f"{utc:%B %Y}", f"{utc:%b %Y}"
