"""The one path of every write: idempotency, decide, append, then catch the projection up."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from typing import Any
from uuid import UUID

from django.conf import settings

from tracker.domain import ActorDirectory, PendingEvent, StoryState
from tracker.eventstore import AppendResult, VersionConflict
from tracker.projections import failures, projector
from tracker.projections.directory import actor_directory
from tracker.projections.snapshots import decision_state
from tracker.services import catchup, streams
from tracker.services.results import RegisteredActor, WriteResult

log = logging.getLogger(__name__)

Decision = tuple[list[PendingEvent], dict[UUID, int]]
CATCH_UP_SECONDS = 3.0
DECISION_ATTEMPTS = 10  # decide again after losing a race for an unpinned stream


def write(
    *,
    operation: str,
    body: Mapping[str, Any],
    recorded_by: Mapping[str, Any] | None,
    idempotency_key: str | None,
    decide: Callable[[], Decision],
    slug: str | None = None,
    pinned: UUID | None = None,
) -> WriteResult:
    """Decide and append one command's events; a retried key answers the first result.

    When another writer moved a stream between the decision and the append, the command is
    decided again on the new state, unless the stream is `pinned` (the client said which
    version it saw, with If-Match): then the conflict goes back to the client.
    """
    store = streams.store()
    request = streams.request_hash(operation, body) if idempotency_key else None
    if idempotency_key is not None and request is not None:
        earlier = store.idempotent_results(idempotency_key, request)
        if earlier is not None:
            return _caught_up(_result(earlier, slug))
    metadata = {"operation": operation, "recorded_by": dict(recorded_by or {})}
    for attempt in range(1, DECISION_ATTEMPTS + 1):
        pending, versions = decide()
        try:
            results = streams.append_pending(
                pending,
                versions=versions,
                metadata=metadata,
                idempotency_key=idempotency_key,
                request=request,
            )
        except VersionConflict as conflict:
            if conflict.stream_id == pinned or attempt == DECISION_ATTEMPTS:
                raise
            continue
        return _caught_up(_result(results, slug, pending))
    raise AssertionError("unreachable: the last attempt returns or raises")


def story_write(
    *,
    story: str | UUID,
    operation: str,
    fields: Mapping[str, Any],
    decide: Callable[[StoryState | None, ActorDirectory], list[PendingEvent]],
    expected_version: int | None,
    recorded_by: Mapping[str, Any] | None,
    idempotency_key: str | None,
) -> WriteResult:
    """Decide a command against a story's current state (and actors) and append its events.

    The current state is the story's snapshot plus the events after it, never a fold of the
    whole stream; the decision looks up only the developments it names. The story's stream
    is expected at the version the decision saw (refused as a conflict when the client's
    If-Match names another); streams of newly registered actors must be new.
    """
    story_id = streams.story_id_of(story)

    def decide_now() -> Decision:
        with (
            decision_state(streams.store(), story_id) as state,
            actor_directory(streams.store()) as actors,
        ):
            current = state.version if state else 0
            streams.check_expected(story_id, expected_version, current)
            pending = decide(state, actors)
        versions = {event.stream_id: 0 for event in pending}
        versions[story_id] = current
        return pending, versions

    return write(
        operation=operation,
        body={"story": str(story_id), **fields},
        recorded_by=recorded_by,
        idempotency_key=idempotency_key,
        decide=decide_now,
        pinned=story_id if expected_version is not None else None,
    )


def _caught_up(result: WriteResult) -> WriteResult:
    """Catch the read models up to a stored write; mark it pending if they did not get there.

    The write is durable once appended: no failure of the catch-up (a database error, a
    timeout, a story stuck at a failure) may turn its answer into an error.
    """
    if not settings.TRACKER_CATCH_UP_ON_WRITE:
        return result
    if catch_up(result.position) and not _stuck(result.stream_id):
        return result
    return dataclasses.replace(result, projection_pending=result.position)


def catch_up(position: int) -> bool:
    """Bring the read models up to `position` (bounded in time); False if they did not get there.

    Never raises: a failure is logged, and the projector worker applies the write later.
    """
    try:
        return catchup.wait_for(streams.store(), position, CATCH_UP_SECONDS)
    except Exception:  # the write is stored: the catch-up is a courtesy to the next read
        log.warning("catch-up to position %s failed; the projector applies it later", position)
        log.debug("catch-up failure", exc_info=True)
        return False


def _stuck(stream_id: UUID) -> bool:
    """Return whether the stream is stuck at a failure (False if that cannot be told now)."""
    try:
        return failures.stuck_one(stream_id) is not None
    except Exception:
        return False


def catch_up_within(position: int) -> tuple[bool, int]:
    """Wait (bounded) for the read models to reach `position`; return (reached, checkpoint)."""
    reached = catch_up(position)
    return reached, projector.checkpoint_position()


def _result(
    results: list[AppendResult], slug: str | None, pending: list[PendingEvent] | None = None
) -> WriteResult:
    main = max(results, key=lambda result: result.positions[-1])
    return WriteResult(
        event_id=main.event_ids[-1],
        stream_id=main.stream_id,
        version=main.last_version,
        position=main.positions[-1],
        duplicate=main.duplicate,
        slug=slug,
        actors_registered=_registered(
            [r.stream_id for r in results if r is not main], pending or []
        ),
    )


def _registered(actor_ids: list[UUID], pending: list[PendingEvent]) -> tuple[RegisteredActor, ...]:
    """Return the actors of the other streams a write appended to (its actor registrations).

    A new write names them from its own events; a retried one from the directory.
    """
    decided = {event.stream_id: event.data for event in pending}
    if all(actor_id in decided for actor_id in actor_ids):
        return tuple(
            RegisteredActor(
                actor_id, str(decided[actor_id]["name"]), str(decided[actor_id]["kind"])
            )
            for actor_id in actor_ids
        )
    with actor_directory(streams.store()) as directory:
        records = [record for actor_id in actor_ids if (record := directory.get(actor_id))]
    return tuple(RegisteredActor(id=r.id, name=r.name, kind=r.kind) for r in records)
