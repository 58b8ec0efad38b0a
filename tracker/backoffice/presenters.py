"""Shape a story's timeline for the page: dates by precision, fields, badges, links, history."""

from __future__ import annotations

import typing
from collections.abc import Mapping, Sequence
from typing import Any

from tracker.backoffice import humanize
from tracker.domain import DEVELOPMENT_MODELS

SHOWN_ELSEWHERE = frozenset(
    {"type", "summary", "source", "actors", "occurred_at", "reported_at", "cameo", "plover"}
)
#: Codes derived from the other fields: a correction's history names what the editor changed.
DERIVED = frozenset({"cameo", "plover"})
#: Types that are themselves a verdict or a measurement: "unconfirmed" says nothing of them.
NO_CONFIRMATION_BADGE = frozenset({"figure", "confirmation", "denial"})


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
    date = humanize.occurred_text(view.get("occurred_at"), view.get("occurred_precision"))
    return f"{str(view.get('type')).replace('_', ' ')} · {date} · {short}"


def timeline_entries(timeline: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the timeline with what the page shows of each development."""
    labels = {str(view["event_id"]): reference_label(view) for view in timeline}
    return [_entry(view, labels) for view in timeline]


def badge(view: Mapping[str, Any]) -> dict[str, Any] | None:
    """Return the confirmation badge of a development, or None where it would say nothing."""
    confirmation = view.get("confirmation") or {}
    status = confirmation.get("status") or "unconfirmed"
    if status == "unconfirmed" and (
        view.get("type") in NO_CONFIRMATION_BADGE or view.get("status") == "retracted"
    ):
        return None
    text = status
    if confirmation.get("by"):
        text += " by " + ", ".join(map(str, confirmation["by"]))
    if confirmation.get("details_withheld"):
        text += " (details withheld)"
    return {"status": status, "text": text}


def _entry(view: Mapping[str, Any], labels: Mapping[str, str]) -> dict[str, Any]:
    model = DEVELOPMENT_MODELS.get(str(view.get("type")))
    confirmation = dict(view.get("confirmation") or {})
    confirmation["links"] = [
        {"event_id": e, "label": labels.get(e, e)} for e in confirmation.get("event_ids", [])
    ]
    return {
        **view,
        "when": when(view.get("occurred_at"), view.get("occurred_precision")),
        "fields": _fields(view, labels),
        "confirmation": confirmation,
        "badge": badge(view),
        "history": [_history(item, model) for item in view.get("history") or []],
    }


def _fields(view: Mapping[str, Any], labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """Return the type's own fields worth a line: no empties, numbers with their unit."""
    data: Mapping[str, Any] = view.get("data") or {}
    model = DEVELOPMENT_MODELS.get(str(view.get("type")))
    order = list(model.model_fields) if model else []
    unit = str(data.get("unit") or "") if view.get("type") == "figure" else ""
    fields = []
    for key in sorted(data, key=lambda k: order.index(k) if k in order else len(order)):
        value = data[key]
        if key in SHOWN_ELSEWHERE or _is_actor(value) or _says_nothing(key, value):
            continue
        if unit and key == "unit":
            continue  # shown with the value
        field: dict[str, Any] = {"label": key.replace("_", " "), "target": None, "number": None}
        if unit and key == "value":
            field["number"] = {"value": value, "unit": unit}
        elif isinstance(value, str) and value in labels:
            field["target"] = value
        field["text"] = labels[value] if field["target"] else _text(model, key, value)
        fields.append(field)
    return fields


def _text(model: Any, key: str, value: Any) -> str:
    """Return a field's text; a choice of the vocabulary (under_way) reads with spaces."""
    info = model.model_fields.get(key) if model else None
    if info is not None and _is_choice(info.annotation) and isinstance(value, str):
        return value.replace("_", " ")
    return brief(value)


def _is_choice(annotation: Any) -> bool:
    if typing.get_origin(annotation) is typing.Literal:
        return True
    return any(_is_choice(arg) for arg in typing.get_args(annotation))


def _says_nothing(key: str, value: Any) -> bool:
    """Tell whether a field is empty, false or at its default modality."""
    if value is None or value == "" or value == [] or value is False:
        return True
    return key == "modality" and value == "asserted"


def _history(item: Mapping[str, Any], model: Any) -> dict[str, Any]:
    changes = item.get("changes") or {}
    return {
        **item,
        "changes": [
            {
                "field": key.replace("_", " "),
                "old": _text(model, key, change.get("old")),
                "new": _text(model, key, change.get("new")),
            }
            for key, change in changes.items()
            if key not in DERIVED
        ],
    }


def _is_actor(value: Any) -> bool:
    if isinstance(value, list):
        return bool(value) and all(_is_actor(item) for item in value)
    return isinstance(value, Mapping) and "actor_id" in value
