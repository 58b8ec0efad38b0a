"""Render a folded story as the JSON document of API.md, with actors resolved by name."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tracker.domain import figures, sections
from tracker.domain.actor_directory import ActorDirectory
from tracker.domain.state import StoryState
from tracker.domain.view import Row, StoryView, iso_or_none, json_copy


def to_document(
    state: StoryState, actors: ActorDirectory, *, shared: bool = False
) -> dict[str, Any]:
    """Return the story state as JSON-ready data; merged actors show as the one they joined.

    With `shared`, the timeline's views share the state's data instead of copying it: for a
    caller that only reads them (serialises them at once), never changes them.
    """
    view = StoryView(state, actors)
    return {
        "id": str(state.id) if state.id else None,
        "slug": state.slug,
        "title": state.title,
        "summary": state.summary,
        "language": state.language,
        "status": state.status,
        "version": state.version,
        "position": state.position,
        "opened_at": iso_or_none(state.opened_at),
        "last_development_at": iso_or_none(state.last_development_at),
        "developments": state.development_count,
        "corrections": state.correction_count,
        "retractions": state.retraction_count,
        "actors": actor_entries(view),
        "visits": sections.visits(view),
        "sanctions_requests": sections.sanctions_requests(view),
        "negotiations": sections.negotiations(view),
        "statements": sections.statements(view),
        "confirmations": sections.responses(view),
        "figures": figures.figures(view),
        "sources": sections.sources(view),
        "lifecycle": json_copy(state.lifecycle),
        "timeline": timeline(state, actors, view=view, shared=shared),
    }


def timeline(
    state: StoryState,
    actors: ActorDirectory,
    *,
    view: StoryView | None = None,
    shared: bool = False,
) -> list[dict[str, Any]]:
    """Return every development, retracted ones too, ordered by occurred_at then position."""
    view = view or StoryView(state, actors)
    return [development_view(view, row, shared=shared) for row in view.timeline]


def development_view(view: StoryView, row: Row, *, shared: bool = False) -> dict[str, Any]:
    """Return one development as the timeline shows it: current data, status and history.

    With `shared`, its data and history are the record's own (read them, never change them).
    """
    record = row.record
    data = row.data if shared else json_copy(row.data)
    history = record.history if shared else json_copy(record.history)
    return {
        "event_id": row.event_id,
        "type": row.type,
        "version": record.version,
        "position": record.position,
        "occurred_at": iso_or_none(record.occurred_at),
        "occurred_precision": record.occurred_precision,
        "reported_at": iso_or_none(record.reported_at),
        "recorded_at": iso_or_none(record.recorded_at),
        "summary": data.get("summary"),
        "actors": [_involved(view, ref, role, actor_id) for ref, role, actor_id in row.involvement],
        "source": data.get("source"),
        "status": record.status,
        "confirmation": view.confirmation((row.event_id,)),
        "cameo": data.get("cameo"),
        "plover": data.get("plover"),
        "data": data,
        "history": history if record.history else [],
    }


def _involved(
    view: StoryView, ref: dict[str, Any], role: str, actor_id: str | None
) -> dict[str, Any]:
    """Return {id, name, role, name_as_stated} of one actor a development names."""
    stated = ref.get("name_as_stated")
    if actor_id is None:
        return {"role": role, "name_as_stated": stated}
    return {
        "id": actor_id,
        "name": view.name(actor_id, stated),
        "role": role,
        "name_as_stated": stated,
    }


def actor_entries(view: StoryView) -> list[dict[str, Any]]:
    """Return each canonical actor of the active developments, with roles and spellings."""
    entries: dict[str, dict[str, Any]] = {}
    for row in view.ordered:
        event_id = row.event_id
        for ref, role, actor_id in row.involvement:
            if actor_id is None:
                continue
            entry = entries.get(actor_id)
            if entry is None:
                entry = entries[actor_id] = _actor_entry(view, actor_id, ref)
            entry["roles"][role] = None
            entry["developments"][event_id] = None
            stated = ref.get("name_as_stated")
            if stated:
                entry["names_as_stated"][stated] = None
    for entry in entries.values():  # ordered sets (dicts) become lists
        for key in ("roles", "developments", "names_as_stated"):
            entry[key] = list(entry[key])
    return list(entries.values())


def _actor_entry(view: StoryView, actor_id: str, ref: dict[str, Any]) -> dict[str, Any]:
    uid = _uuid(actor_id)
    record = view.actors.get(uid) if uid is not None else None
    return {
        "id": actor_id,
        "name": view.name(actor_id, ref.get("name_as_stated")),
        "kind": record.kind if record else None,
        "aliases": view.actors.names_of(record.id) if record else [],
        "wikidata": record.wikidata if record else None,
        "roles": {},
        "developments": {},
        "names_as_stated": {},
    }


def _uuid(text: str) -> UUID | None:
    try:
        return UUID(text)
    except ValueError:
        return None
