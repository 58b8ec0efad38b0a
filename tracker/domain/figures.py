"""Figure series of a story document: one series per metric and unit, one point per period."""

from __future__ import annotations

from typing import Any

from tracker.domain.names import normalize_name
from tracker.domain.view import StoryView


def _metric(data: Any) -> str:
    value = data.get("metric")
    return normalize_name(value) if isinstance(value, str) else ""


def figures(view: StoryView) -> list[dict[str, Any]]:
    """Build one series per metric and unit; a later report for a period replaces the point."""
    series: dict[tuple[str, str], dict[str, Any]] = {}
    for row in sorted(view.of_type("figure"), key=lambda r: r.record.position):
        data = row.data
        key = (_metric(data), str(data.get("unit")))
        entry = series.setdefault(
            key,
            {
                "metric": data.get("metric"),
                "unit": data.get("unit"),
                "points": {},
            },
        )
        period = str(data.get("period"))
        previous = entry["points"].get(period)
        source = view.source(row)
        entry["points"][period] = {
            "period": period,
            "value": data.get("value"),
            "subject": data.get("subject"),
            "event_id": row.event_id,
            "source": {k: source.get(k) for k in ("outlet", "url", "language")},
            "replaces": ([previous["event_id"], *previous["replaces"]] if previous else []),
        }
    return [
        {
            "metric": e["metric"],
            "unit": e["unit"],
            "series": sorted(e["points"].values(), key=lambda p: p["period"]),
        }
        for e in series.values()
    ]
