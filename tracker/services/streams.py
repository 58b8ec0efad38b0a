"""Find a story's stream, read or fold it, and append what a decision returned."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID, uuid5

from tracker import bootstrap
from tracker.domain import PendingEvent, StoryState, fold
from tracker.eventstore import (
    NO_STREAM,
    AppendResult,
    EventStore,
    NewEvent,
    StoredEvent,
    StreamAppend,
    VersionConflict,
)
from tracker.services.errors import NotFound

#: Namespace of story ids derived from slugs; never change it (ids are stored).
STORY_NAMESPACE = UUID("6f1d3a52-2f0e-4c55-9a55-1c0f3f1b7a10")


def store() -> EventStore:
    """Return the event store on the project's database."""
    return bootstrap.event_store()


def story_id_for_slug(slug: str) -> UUID:
    """Return the id of the story with this slug (slugs are unique because ids derive from them)."""
    return uuid5(STORY_NAMESPACE, slug)


def story_id_of(story: str | UUID) -> UUID:
    """Return the story id for a UUID or a slug."""
    if isinstance(story, UUID):
        return story
    try:
        return UUID(story)
    except ValueError:
        return story_id_for_slug(story)


def story_events(story_id: UUID) -> list[StoredEvent]:
    """Return every event of a story's stream, in version order."""
    return store().read_stream(story_id)


def story_exists(story_id: UUID) -> bool:
    """Return whether the story's stream has an event."""
    return bool(store().read_stream(story_id, limit=1))


def story_state(story: str | UUID) -> StoryState | None:
    """Return the story's state folded from its whole stream, or None when it has no events.

    Writes decide against the stored snapshot instead (`projections.snapshots.decision_state`).
    """
    events = story_events(story_id_of(story))
    return fold(events) if events else None


def require_events(story: str | UUID) -> tuple[UUID, list[StoredEvent]]:
    """Return the story id and its events, or raise NotFound."""
    story_id = story_id_of(story)
    events = story_events(story_id)
    if not events:
        raise NotFound(f"no story {story!s}")
    return story_id, events


def check_expected(stream_id: UUID, expected: int | None, current: int) -> None:
    """Raise VersionConflict when the client saw another version than the current one."""
    if expected is not None and expected != current:
        raise VersionConflict(stream_id, expected, current)


def request_hash(operation: str, body: Mapping[str, Any]) -> str:
    """Return a stable hash of a client request, for idempotency keys."""
    text = json.dumps({"op": operation, "body": body}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def append_pending(
    pending: Sequence[PendingEvent],
    *,
    versions: Mapping[UUID, int],
    metadata: Mapping[str, Any],
    idempotency_key: str | None,
    request: str | None,
) -> list[AppendResult]:
    """Append decided events, each stream at the version the decision saw, in one transaction."""
    by_stream: dict[UUID, list[PendingEvent]] = {}
    for event in pending:
        by_stream.setdefault(event.stream_id, []).append(event)
    appends = [
        StreamAppend(
            stream_id=stream_id,
            stream_type=events[0].stream_type,
            events=[_new_event(event, metadata) for event in events],
            expected_version=versions.get(stream_id) or NO_STREAM,
        )
        for stream_id, events in by_stream.items()
    ]
    return store().append_many(appends, idempotency_key=idempotency_key, request_hash=request)


def _new_event(event: PendingEvent, metadata: Mapping[str, Any]) -> NewEvent:
    return NewEvent(
        event.event_type,
        event.data,
        event_id=event.event_id,
        schema_version=event.schema_version,
        metadata=dict(metadata),
        occurred_at=event.occurred_at,
        occurred_precision=event.occurred_precision,
        reported_at=event.reported_at,
    )
