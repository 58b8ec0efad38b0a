"""The derived sections of a story document: visits, requests, talks, statements, sources."""

from __future__ import annotations

from typing import Any

from tracker.domain.names import normalize_name
from tracker.domain.view import Row, StoryView, iso_or_none

_TRIP_OVER = frozenset({"completed", "cancelled"})
_REQUEST_STATUS = {
    "lifted": "granted",
    "eased": "partially_granted",
    "refused": "refused",
    "imposed": "refused",
    "extended": "refused",
}


def _key(data: Any, field: str) -> str:
    """Return the normalized text of a field, empty when it is missing or not text."""
    value = data.get(field)
    return normalize_name(value) if isinstance(value, str) else ""


def visits(view: StoryView) -> list[dict[str, Any]]:
    """Group visits by visitor and destination; a trip's status follows its later reports."""
    trips: list[dict[str, Any]] = []
    open_trips: dict[tuple[str | None, str], dict[str, Any]] = {}
    for row in view.of_type("visit"):
        data = row.data
        key = (view.canonical_id(data.get("visitor")), _key(data, "destination"))
        trip = open_trips.get(key)
        if trip is None:
            trip = {
                "event_id": row.event_id,
                "event_ids": [],
                "visitor": view.actor(data.get("visitor")),
                "destination": data.get("destination"),
                "hosts": [],
                "purpose": None,
                "status": None,
                "occurred_at": iso_or_none(row.record.occurred_at),
                "occurred_precision": row.record.occurred_precision,
            }
            trips.append(trip)
            open_trips[key] = trip
        trip["event_ids"].append(row.event_id)
        trip["hosts"] += [h for h in view.actor_list(data.get("hosts")) if h not in trip["hosts"]]
        trip["purpose"] = data.get("purpose") or trip["purpose"]
        trip["status"] = data.get("status")
        if trip["status"] in _TRIP_OVER:
            open_trips.pop(key, None)
    for trip in trips:
        trip["confirmation"] = view.confirmation(trip["event_ids"])
    return trips


def sanctions_requests(view: StoryView) -> list[dict[str, Any]]:
    """List requests to ease sanctions; a decision or rejection answering one sets its status."""
    out = []
    for row in view.of_type("sanctions_request"):
        event_id = row.event_id
        status, responses = "pending", []
        for answer in view.pointing.get(event_id, ()):
            if answer.type == "sanctions_decision" and answer.data.get("responds_to") == event_id:
                status = _REQUEST_STATUS.get(str(answer.data.get("action")), status)
            elif answer.type == "rejection" and answer.data.get("rejects") == event_id:
                status = "refused"
            else:
                continue
            responses.append(answer.event_id)
        data = row.data
        out.append(
            {
                "event_id": event_id,
                "requester": view.actor(data.get("requester")),
                "addressee": view.actor(data.get("addressee")),
                "sanctions": list(data.get("sanctions") or []),
                "context": data.get("context"),
                "conditions": list(data.get("conditions") or []),
                "intensity": data.get("intensity"),
                "channel": data.get("channel"),
                "via": view.source(row).get("via"),
                "occurred_at": iso_or_none(row.record.occurred_at),
                "status": status,
                "responses": responses,
                "confirmation": view.confirmation((event_id,)),
            }
        )
    return out


def negotiations(view: StoryView) -> list[dict[str, Any]]:
    """Group talks by normalized topic; the status follows the latest talks in time."""
    groups: dict[str, dict[str, Any]] = {}
    for row in view.of_type("talks"):
        data = row.data
        group = groups.setdefault(
            _key(data, "topic"),
            {
                "topic": data.get("topic"),
                "parties": [],
                "mediator": None,
                "status": None,
                "event_ids": [],
                "history": [],
            },
        )
        parties = view.actor_list(data.get("parties"))
        group["parties"] += [p for p in parties if p not in group["parties"]]
        group["mediator"] = view.actor(data.get("mediator")) or group["mediator"]
        group["status"] = data.get("status")
        group["event_ids"].append(row.event_id)
        group["history"].append(
            {
                "event_id": row.event_id,
                "status": data.get("status"),
                "occurred_at": iso_or_none(row.record.occurred_at),
                "format": data.get("format"),
                "parties": parties,
            }
        )
    for group in groups.values():
        group["confirmation"] = view.confirmation(group["event_ids"])
    return list(groups.values())


def statements(view: StoryView) -> list[dict[str, Any]]:
    """List statements with their speaker, conditions and modality."""
    return [_statement(view, row) for row in view.of_type("statement")]


def _statement(view: StoryView, row: Row) -> dict[str, Any]:
    """Return one statement with its speaker resolved and its confirmation."""
    data = row.data
    return {
        "event_id": row.event_id,
        "speaker": view.actor(data.get("speaker")),
        "content": data.get("content"),
        "conditions": list(data.get("conditions") or []),
        "modality": data.get("modality"),
        "tone": data.get("tone"),
        "channel": data.get("channel"),
        "occurred_at": iso_or_none(row.record.occurred_at),
        "confirmation": view.confirmation((row.event_id,)),
    }


def responses(view: StoryView) -> list[dict[str, Any]]:
    """List confirmations and denials: who, of what, with what content."""
    out = []
    for row in view.ordered:
        if row.type not in ("confirmation", "denial"):
            continue
        confirmation = row.type == "confirmation"
        data = row.data
        out.append(
            {
                "event_id": row.event_id,
                "kind": row.type,
                "by": view.actor(data.get("confirmer" if confirmation else "denier")),
                "target": data.get("confirms" if confirmation else "denies"),
                "content": data.get("content"),
                "details_withheld": bool(data.get("details_withheld", False)),
            }
        )
    return out


def sources(view: StoryView) -> list[dict[str, Any]]:
    """List outlets and addresses the active developments came from."""
    found: dict[tuple[Any, Any], dict[str, Any]] = {}
    for row in view.ordered:
        source = view.source(row)
        outlet, url = source.get("outlet"), source.get("url")
        entry = found.get((outlet, url))
        if entry is None:
            entry = found[(outlet, url)] = {
                "outlet": outlet,
                "url": url,
                "language": source.get("language"),
                "developments": [],
            }
        entry["developments"].append(row.event_id)
    return list(found.values())
