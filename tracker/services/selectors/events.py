"""Read raw events: a story's stream, its changes, and the global feed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tracker.domain import DEVELOPMENT_TYPES, RecordedEvent
from tracker.services import streams
from tracker.services.errors import NotFound

MAX_VERSION = 2**31 - 2  # versions are 32-bit integers; nothing lies beyond
CHANGE_KINDS = {
    "development_corrected": "corrected",
    "development_retracted": "retracted",
    "story_status_changed": "status_changed",
    "story_retitled": "retitled",
    "story_opened": "opened",
}


def event_envelope(event: RecordedEvent) -> dict[str, Any]:
    """Return an event as the API's envelope."""
    return {
        "position": event.position,
        "event_id": str(event.event_id),
        "stream_id": str(event.stream_id),
        "stream_type": event.stream_type,
        "version": event.version,
        "type": event.event_type,
        "schema_version": event.schema_version,
        "data": event.data,
        "metadata": event.metadata,
        "occurred_at": _iso(event.occurred_at),
        "occurred_precision": event.occurred_precision,
        "reported_at": _iso(event.reported_at),
        "recorded_at": _iso(event.recorded_at),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def story_events(*, story: str, after_version: int = 0, limit: int = 100) -> dict[str, Any]:
    """Return a page of a story's raw events after a version."""
    story_id = streams.story_id_of(story)
    after_version = min(max(after_version, 0), MAX_VERSION)
    events = streams.store().read_stream(story_id, from_version=after_version + 1, limit=limit)
    if not events and streams.store().stream_version(story_id) == 0:
        raise NotFound(f"no story {story}")
    next_after = events[-1].version if events else after_version
    return {"items": [event_envelope(e) for e in events], "next_after_version": next_after}


def story_changes(
    *, story: str, since: datetime | None = None, since_version: int | None = None
) -> dict[str, Any]:
    """Return what was added, corrected, retracted or changed status since a time or version."""
    story_id, events = streams.require_events(story)
    if since_version is not None:
        events = [e for e in events if e.version > since_version]
    elif since is not None:
        events = [e for e in events if e.recorded_at > since]
    changes = [
        {
            "kind": "added"
            if e.event_type in DEVELOPMENT_TYPES
            else CHANGE_KINDS.get(e.event_type),
            "type": e.event_type,
            "event_id": str(e.event_id),
            "target": e.data.get("target"),
            "version": e.version,
            "position": e.position,
            "recorded_at": _iso(e.recorded_at),
            "summary": e.data.get("summary") or e.data.get("reason") or e.data.get("title"),
        }
        for e in events
    ]
    version = streams.store().stream_version(story_id)
    return {"story_id": str(story_id), "version": version, "changes": changes}


def events_feed(
    *,
    after: int = 0,
    limit: int = 100,
    types: list[str] | None = None,
    stream_types: list[str] | None = None,
) -> dict[str, Any]:
    """Return a page of the global feed in position order."""
    events = streams.store().read_all(
        after=after, limit=limit, event_types=types or None, stream_types=stream_types or None
    )
    next_after = events[-1].position if events else after
    return {"items": [event_envelope(e) for e in events], "next_after": next_after}
