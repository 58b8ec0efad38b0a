"""Write services for developments: record, correct, retract."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID, uuid4

from tracker.domain import (
    PendingEvent,
    StoryState,
    decide_correct_development,
    decide_record_development,
    decide_retract_development,
)
from tracker.services import streams
from tracker.services.directory import actor_directory
from tracker.services.results import WriteResult
from tracker.services.writes import Decision, write


def development_record(
    *,
    story: str,
    development: Mapping[str, Any],
    expected_version: int | None = None,
    recorded_by: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
    event_id: UUID | None = None,
) -> WriteResult:
    """Record a development; unknown actor names are registered in the same transaction."""

    def decide() -> Decision:
        story_id, state = _story_at(story, expected_version)
        directory = actor_directory(streams.store())
        pending = decide_record_development(
            story=state,
            development=development,
            event_id=event_id or uuid4(),
            resolve_actor=directory.resolve,
            actor_exists=directory.exists,
        )
        return pending, _versions(story_id, state, pending)

    return write(
        operation="development_record",
        body={"story": str(streams.story_id_of(story)), "development": development},
        recorded_by=recorded_by,
        idempotency_key=idempotency_key,
        decide=decide,
        pinned=_pinned(story, expected_version),
    )


def development_correct(
    *,
    story: str,
    target: UUID,
    changes: Mapping[str, Any],
    reason: str,
    source: Mapping[str, Any] | None = None,
    expected_version: int | None = None,
    recorded_by: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> WriteResult:
    """Correct fields of a development; the story keeps the history."""

    def decide() -> Decision:
        story_id, state = _story_at(story, expected_version)
        directory = actor_directory(streams.store())
        pending = decide_correct_development(
            story=state,
            target=target,
            changes=changes,
            reason=reason,
            source=source,
            event_id=uuid4(),
            resolve_actor=directory.resolve,
            actor_exists=directory.exists,
        )
        return pending, _versions(story_id, state, pending)

    body = {"story": str(streams.story_id_of(story)), "target": str(target), "changes": changes}
    return write(
        operation="development_correct",
        body={**body, "reason": reason, "source": source},
        recorded_by=recorded_by,
        idempotency_key=idempotency_key,
        decide=decide,
        pinned=_pinned(story, expected_version),
    )


def development_retract(
    *,
    story: str,
    target: UUID,
    reason: str,
    source: Mapping[str, Any] | None = None,
    expected_version: int | None = None,
    recorded_by: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> WriteResult:
    """Retract a development: it leaves the state and stays in the timeline, marked."""

    def decide() -> Decision:
        story_id, state = _story_at(story, expected_version)
        pending = decide_retract_development(
            story=state, target=target, reason=reason, source=source, event_id=uuid4()
        )
        return pending, _versions(story_id, state, pending)

    body = {"story": str(streams.story_id_of(story)), "target": str(target), "reason": reason}
    return write(
        operation="development_retract",
        body={**body, "source": source},
        recorded_by=recorded_by,
        idempotency_key=idempotency_key,
        decide=decide,
        pinned=_pinned(story, expected_version),
    )


def _pinned(story: str, expected_version: int | None) -> UUID | None:
    """Return the story id when the client named the version it saw (If-Match)."""
    return streams.story_id_of(story) if expected_version is not None else None


def _story_at(story: str, expected_version: int | None) -> tuple[UUID, StoryState | None]:
    story_id, state, _ = streams.story_state(story)
    streams.check_expected(story_id, expected_version, state.version if state else 0)
    return story_id, state


def _versions(
    story_id: UUID, state: StoryState | None, pending: list[PendingEvent]
) -> dict[UUID, int]:
    """Return the expected version of every stream: the story's, and 0 for new actors."""
    versions = {event.stream_id: 0 for event in pending}
    versions[story_id] = state.version if state else 0
    return versions
