"""The one fold of a story: `evolve` applies an event, `fold` applies a sequence."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from uuid import UUID

from tracker.domain.envelope import STORY_STREAM, RecordedEvent
from tracker.domain.event_types import (
    CURRENT_SCHEMA_VERSIONS,
    DEVELOPMENT_CORRECTED,
    DEVELOPMENT_RETRACTED,
    DEVELOPMENT_TYPES,
    STORY_OPENED,
    STORY_RETITLED,
    STORY_STATUS_CHANGED,
)
from tracker.domain.state import CORRECTED, RETRACTED, DevelopmentRecord, StoryState
from tracker.domain.timeparse import iso, parse_occurred_at, parse_timestamp
from tracker.domain.upcasting import upcast

Handler = Callable[[StoryState, RecordedEvent, Mapping[str, Any]], None]


def _ignore(state: StoryState, event: RecordedEvent, reason: str) -> None:
    """Note an event the story cannot take; kept by event id, so the order applied is moot."""
    state.ignored.append(
        {"event_id": str(event.event_id), "event_type": event.event_type, "reason": reason}
    )
    state.ignored.sort(key=lambda entry: entry["event_id"])


def _opened(state: StoryState, event: RecordedEvent, data: Mapping[str, Any]) -> None:
    if state.opened:
        _ignore(state, event, "story already opened")
        return
    state.opened = True
    state.id = event.stream_id
    state.title = data.get("title")
    state.slug = data.get("slug")
    state.summary = data.get("summary")
    state.language = data.get("language")
    state.opened_at = event.recorded_at
    state.lifecycle.append(
        {"event_id": str(event.event_id), "kind": "opened", "title": state.title}
    )


def _retitled(state: StoryState, event: RecordedEvent, data: Mapping[str, Any]) -> None:
    entry = {"event_id": str(event.event_id), "kind": "retitled", "old": state.title}
    state.title = data.get("title", state.title)
    state.lifecycle.append(entry | {"new": state.title})


def _status_changed(state: StoryState, event: RecordedEvent, data: Mapping[str, Any]) -> None:
    entry = {"event_id": str(event.event_id), "kind": "status_changed", "old": state.status}
    state.status = str(data.get("status", state.status))
    state.lifecycle.append(entry | {"new": state.status, "reason": data.get("reason")})


def _development(state: StoryState, event: RecordedEvent, data: Mapping[str, Any]) -> None:
    if event.event_id in state.developments:
        _ignore(state, event, "duplicate event id")
        return
    occurred, precision = event.occurred_at, event.occurred_precision
    if occurred is None and data.get("occurred_at"):
        occurred, precision = _partial(data["occurred_at"])
    state.developments[event.event_id] = DevelopmentRecord(
        event_id=event.event_id,
        type=event.event_type,
        version=event.version,
        position=event.position,
        recorded_at=event.recorded_at,
        occurred_at=occurred,
        occurred_precision=precision,
        reported_at=event.reported_at,
        data=dict(data),
    )
    state.last_development_at = event.recorded_at


def _target(
    state: StoryState, event: RecordedEvent, data: Mapping[str, Any]
) -> DevelopmentRecord | None:
    try:
        record = state.developments.get(UUID(str(data.get("target"))))
    except ValueError:
        record = None
    if record is None:
        _ignore(state, event, "target is not a development of this story")
    elif record.status == RETRACTED:
        _ignore(state, event, "target was retracted")
        return None
    return record


def _corrected(state: StoryState, event: RecordedEvent, data: Mapping[str, Any]) -> None:
    record = _target(state, event, data)
    changes = data.get("changes")
    if record is None:
        return
    if not isinstance(changes, Mapping):
        _ignore(state, event, "changes are not an object")
        return
    diff: dict[str, dict[str, Any]] = {}
    new = dict(record.data)
    for key, value in changes.items():
        diff[key] = {"old": new.get(key), "new": value}
        if value is None:
            new.pop(key, None)
        else:
            new[key] = value
    record.data = new
    if "occurred_at" in changes:
        value = changes["occurred_at"]
        record.occurred_at, record.occurred_precision = _partial(value) if value else (None, None)
    if "reported_at" in changes:
        try:
            record.reported_at = parse_timestamp(changes["reported_at"])
        except (TypeError, ValueError, AttributeError):
            record.reported_at = None
    record.status = CORRECTED
    record.history.append(_history(event, data, "correction") | {"changes": diff})


def _retracted(state: StoryState, event: RecordedEvent, data: Mapping[str, Any]) -> None:
    record = _target(state, event, data)
    if record is not None:
        record.status = RETRACTED
        record.history.append(_history(event, data, "retraction"))


def _history(event: RecordedEvent, data: Mapping[str, Any], kind: str) -> dict[str, Any]:
    return {
        "event_id": str(event.event_id),
        "kind": kind,
        "reason": data.get("reason"),
        "source": data.get("source"),
        "version": event.version,
        "recorded_at": iso(event.recorded_at),
    }


def _partial(value: Any) -> tuple[Any, str | None]:
    try:
        return parse_occurred_at(value)
    except (TypeError, ValueError, AttributeError):
        return None, None


HANDLERS: dict[str, Handler] = {
    STORY_OPENED: _opened,
    STORY_RETITLED: _retitled,
    STORY_STATUS_CHANGED: _status_changed,
    DEVELOPMENT_CORRECTED: _corrected,
    DEVELOPMENT_RETRACTED: _retracted,
} | {name: _development for name in DEVELOPMENT_TYPES}


def evolve(state: StoryState, event: RecordedEvent) -> StoryState:
    """Apply one story event to `state` in place and return it; never raise on a valid event."""
    handler = HANDLERS.get(event.event_type)
    if handler is None or event.stream_type != STORY_STREAM:
        _ignore(state, event, "not a story event")
        if state.id is None or event.stream_id == state.id:  # still one of the stream's versions
            state.version = max(state.version, event.version)
            state.position = max(state.position, event.position)
        return state
    if state.id is not None and event.stream_id != state.id:
        _ignore(state, event, "event of another story")
        return state
    data = event.data
    if event.schema_version != CURRENT_SCHEMA_VERSIONS[event.event_type]:
        data = upcast(event.event_type, event.schema_version, data)
    if state.id is None:
        state.id = event.stream_id
    handler(state, event, data)
    state.version = max(state.version, event.version)
    state.position = max(state.position, event.position)
    return state


def fold(events: Iterable[RecordedEvent], initial: StoryState | None = None) -> StoryState:
    """Return the state of a story after applying `events` in order to a copy of `initial`."""
    state = copy.deepcopy(initial) if initial is not None else StoryState()
    for event in events:
        evolve(state, event)
    return state
