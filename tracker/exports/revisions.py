"""A development's data at each of its revisions: as first recorded, then after each correction.

The fold keeps the current data and, per correction, each changed field's old and new value;
undoing the corrections newest first gives the data as recorded, replaying them each revision.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def as_recorded(item: dict[str, Any]) -> dict[str, Any]:
    """Return a development's data as first recorded: its corrections undone, newest first."""
    data = dict(item["data"])
    for entry in reversed(item["history"]):
        for name, change in (entry.get("changes") or {}).items():
            if change.get("old") is None:
                data.pop(name, None)
            else:
                data[name] = change["old"]
    return data


def apply_changes(data: dict[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """Return data after one correction's changes (None removes a field)."""
    out = dict(data)
    for name, change in changes.items():
        if change.get("new") is None:
            out.pop(name, None)
        else:
            out[name] = change["new"]
    return out


def occurred(stated: Any) -> tuple[str | None, str | None]:
    """Return (time text, precision) of when a fact happened, as its revision states it."""
    if isinstance(stated, str) and stated:
        precision = {4: "year", 7: "month", 10: "day"}.get(len(stated), "exact")
        return stated, precision
    return None, None
