"""Apply a stuck stream again after a fix: re-fold it from its events, replace its read model."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db import connection, transaction

from tracker.domain import ACTOR_STREAM
from tracker.eventstore import EventStore
from tracker.projections import apply, failures, isolation, projector
from tracker.projections.failures import StoppedAt
from tracker.projections.models import ProjectionFailure


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

    The stream is applied from its first event, so a fix of the fold, of the rendering or
    of the tables takes effect; if it still fails, the failure records where it stops now.
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [projector.BATCH_LOCK])
        failure = ProjectionFailure.objects.filter(stream_id=stream_id).first()
        if failure is None:
            return RetryOutcome(stream_id, was_stuck=False, stopped=None)
        end = projector.checkpoint_position()
        directory = apply.directory_at(store, end)
        stopped: StoppedAt | None = None
        try:
            with transaction.atomic():
                if failure.stream_type == ACTOR_STREAM:
                    apply.actors_replace({stream_id}, directory)
                else:
                    rows = apply.story_render(store, stream_id, end, directory)
                    apply.stories_replace({stream_id: rows})
        except failures.INFRASTRUCTURE:
            raise
        except Exception as error:
            if failure.stream_type == ACTOR_STREAM:
                stopped = StoppedAt(
                    stream_id,
                    ACTOR_STREAM,
                    failure.event_id,
                    failure.position,
                    failure.version,
                    failure.good_version,
                )
                failures.record(stopped, error)
            else:
                stopped = isolation.story_stop(store, stream_id, end, directory, trigger=None)
        if stopped is None:
            failures.clear(stream_id)
    return RetryOutcome(stream_id, was_stuck=True, stopped=stopped)


def retry_all(store: EventStore) -> list[RetryOutcome]:
    """Retry every stuck stream, each in a transaction of its own."""
    return [retry(store, failure.stream_id) for failure in failures.stuck()]
