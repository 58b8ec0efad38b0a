"""Shape a story's timeline for the page: dates by precision, fields, links and history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tracker.domain import DEVELOPMENT_MODELS

SHOWN_ELSEWHERE = frozenset(
    {"type", "summary", "source", "actors", "occurred_at", "reported_at", "cameo", "plover"}
)


def when(moment: str | None, precision: str | None) -> str:
    """Return a time as precise as it is known: 2025, 2025-04, 2025-04-02 or date and time."""
    if not moment:
        return "undated"
    cut = {"year": 4, "month": 7, "day": 10}.get(precision or "")
    if cut:
        return moment[:cut]
    text = moment.replace("T", " ")
    return text[:-1].split(".")[0] + " UTC" if text.endswith("Z") else text


def brief(value: Any) -> str:
    """Return a short text for a stored value: actors by the name stated, sources by outlet."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, Mapping):
        for key in ("name_as_stated", "name", "outlet", "event"):
            if value.get(key):
                return str(value[key])
        return ", ".join(f"{k}: {brief(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(brief(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def reference_label(view: Mapping[str, Any]) -> str:
    """Return how a development is named in lists: type, date and the start of its summary."""
    summary = str(view.get("summary") or "")
    short = summary if len(summary) <= 70 else summary[:69] + "…"
    date = when(view.get("occurred_at"), view.get("occurred_precision"))
    return f"{view.get('type')} · {date} · {short}"


def timeline_entries(timeline: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the timeline with what the page shows of each development."""
    labels = {str(view["event_id"]): reference_label(view) for view in timeline}
    return [_entry(view, labels) for view in timeline]


def _entry(view: Mapping[str, Any], labels: Mapping[str, str]) -> dict[str, Any]:
    data: Mapping[str, Any] = view.get("data") or {}
    model = DEVELOPMENT_MODELS.get(str(view.get("type")))
    order = list(model.model_fields) if model else []
    fields = []
    for key in sorted(data, key=lambda k: order.index(k) if k in order else len(order)):
        value = data[key]
        if key in SHOWN_ELSEWHERE or _is_actor(value):
            continue
        if key == "modality" and value == "asserted":
            continue
        target = str(value) if isinstance(value, str) and value in labels else None
        text = labels[target] if target else brief(value)
        fields.append({"label": key.replace("_", " "), "text": text, "target": target})
    confirmation = dict(view.get("confirmation") or {})
    confirmation["links"] = [
        {"event_id": e, "label": labels.get(e, e)} for e in confirmation.get("event_ids", [])
    ]
    return {
        **view,
        "when": when(view.get("occurred_at"), view.get("occurred_precision")),
        "fields": fields,
        "confirmation": confirmation,
        "history": [_history(item) for item in view.get("history") or []],
    }


def _history(item: Mapping[str, Any]) -> dict[str, Any]:
    changes = item.get("changes") or {}
    return {
        **item,
        "changes": [
            {"field": key, "old": brief(change.get("old")), "new": brief(change.get("new"))}
            for key, change in changes.items()
        ],
    }


def _is_actor(value: Any) -> bool:
    if isinstance(value, list):
        return bool(value) and all(_is_actor(item) for item in value)
    return isinstance(value, Mapping) and "actor_id" in value
