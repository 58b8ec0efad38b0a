"""Apply a stuck stream again after a fix: re-fold it from its events, replace its read model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from django.db import transaction

from tracker.domain import ACTOR_STREAM, ActorDirectory, RecordedEvent
from tracker.eventstore import EventStore
from tracker.projections import checkpoint, failures, incremental, isolation
from tracker.projections.actor_retry import actor_retry
from tracker.projections.directory import directory_at
from tracker.projections.failures import StoppedAt
from tracker.projections.models import ProjectionFailure
from tracker.projections.rows import STORY_TABLES
from tracker.projections.tables import rows_delete


@dataclass(frozen=True)
class RetryOutcome:
    """What a retry did: whether the stream was stuck, and where it stops now (None: healed)."""

    stream_id: UUID
    was_stuck: bool
    stopped: StoppedAt | None

    @property
    def healed(self) -> bool:
        """Return whether the stream is no longer stuck."""
        return self.stopped is None


def retry(store: EventStore, stream_id: UUID) -> RetryOutcome:
    """Apply a stuck stream's events up to the checkpoint; clear its failure if they apply.

    A story is folded again from its first event, so a fix of the fold, of the rendering or
    of the tables takes effect; if it still fails, its events after the last good version are
    applied one by one, and the failure records where it stops now. An actor is applied again
    by folding the whole directory again (`actor_retry`).
    """
    with transaction.atomic():
        checkpoint.batch_lock()
        failure = ProjectionFailure.objects.filter(stream_id=stream_id).first()
        if failure is None:
            return RetryOutcome(stream_id, was_stuck=False, stopped=None)
        end = checkpoint.checkpoint_position()
        if failure.stream_type == ACTOR_STREAM:
            stopped = actor_retry(store, failure, end)
        else:
            stopped = story_retry(store, failure, end)
        if stopped is None:
            failures.clear(stream_id)
    return RetryOutcome(stream_id, was_stuck=True, stopped=stopped)


def story_retry(store: EventStore, failure: ProjectionFailure, end: int) -> StoppedAt | None:
    """Fold a stuck story again from its first event; return where it stops (None: it applies).

    It is rendered with the directory the projection shows: the actors recorded stuck stay
    stopped where they were recorded until they are retried themselves.
    """
    stream_id = failure.stream_id
    directory = directory_at(store, end)
    events = [e for e in store.read_stream(stream_id) if e.position <= end]
    try:
        with transaction.atomic():
            if events:
                rows_delete(STORY_TABLES, "story_id", [stream_id])
                incremental.story_apply(store, stream_id, events[-1:], directory)
    except failures.INFRASTRUCTURE:
        raise
    except Exception as error:
        return _still_stuck(store, failure, events, directory, error)
    return None


def _still_stuck(
    store: EventStore,
    failure: ProjectionFailure,
    events: Sequence[RecordedEvent],
    directory: ActorDirectory,
    error: BaseException,
) -> StoppedAt | None:
    """Apply what still applies of a story that failed again; return where it stops."""
    good = isolation.stored_version(failure.stream_id)
    later = [event for event in events if event.version > good]
    if later:
        return isolation.story_stop(store, failure.stream_id, later, directory)
    if events:
        return isolation.stopped_at(failure.stream_id, events[-1], good, error)
    return failures.record_again(failure, error)


def retry_all(store: EventStore) -> list[RetryOutcome]:
    """Retry every stuck stream, each in a transaction of its own."""
    return [retry(store, failure.stream_id) for failure in failures.stuck()]
