"""Stop one stream at the first event that cannot be applied, leaving every other one going.

When a story's events of a batch cannot be applied together, they are applied again one at a
time, each in a savepoint of its own: each event that folds, renders and is accepted by the
database moves the read model on; the first one that does not is recorded as the story's
failure, and the read model stays at the last good version (its snapshot's).

An actor event the directory's fold cannot apply is left out of the directory with the
actor's later events (the domain says where each actor stopped): it is recorded here once,
as the actor's failure, and every story shows the actor as of its last good event.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from django.db import transaction

from tracker.domain import ACTOR_STREAM, STORY_STREAM, ActorDirectory, ActorStop, RecordedEvent
from tracker.eventstore import EventStore
from tracker.projections import failures, incremental
from tracker.projections.failures import StoppedAt
from tracker.projections.models import StorySnapshot


def story_stop(
    store: EventStore,
    story_id: UUID,
    events: Sequence[RecordedEvent],
    directory: ActorDirectory,
) -> StoppedAt | None:
    """Apply the story's `events` one by one as far as they go; record and return where it stopped.

    Returns None when every event applied this time (the failure did not come back).
    """
    for event in events:
        good = stored_version(story_id)
        if event.version <= good:
            continue
        try:
            with transaction.atomic():
                incremental.story_apply(store, story_id, [event], directory)
        except failures.INFRASTRUCTURE:
            raise
        except Exception as found:  # this event cannot be applied: the story stops here
            return stopped_at(story_id, event, good, found)
    return None


def rerender_stop(story_id: UUID, trigger: RecordedEvent, error: BaseException) -> StoppedAt:
    """Record that a story could not be rendered again after `trigger` (an actor change)."""
    return stopped_at(story_id, trigger, stored_version(story_id), error)


def actor_stop(actor_id: UUID, error: BaseException, events: list[RecordedEvent]) -> StoppedAt:
    """Record that an actor's rows could not be written; they stay as they were."""
    first = events[0] if events else None
    stopped = StoppedAt(
        stream_id=actor_id,
        stream_type="actor",
        event_id=first.event_id if first else None,
        position=first.position if first else 0,
        version=first.version if first else 0,
        good_version=(first.version - 1) if first else 0,
    )
    failures.record(stopped, error)
    return stopped


def actors_stopped(directory: ActorDirectory, stuck: set[UUID]) -> set[UUID]:
    """Record the actors the directory stopped at that are not stuck yet; return them."""
    new = {actor_id for actor_id in directory.stopped if actor_id not in stuck}
    for actor_id in sorted(new):
        actor_stop_record(directory.stopped[actor_id])
    return new


def actor_stop_record(stop: ActorStop) -> StoppedAt:
    """Record that the directory left an actor's event out (and its later ones)."""
    stopped = StoppedAt(
        stream_id=stop.actor_id,
        stream_type=ACTOR_STREAM,
        event_id=stop.event_id,
        position=stop.position,
        version=stop.version,
        good_version=stop.good_version,
    )
    error = stop.error or RuntimeError("the actor's event could not be applied")
    failures.record(stopped, error, left_out=True)
    return stopped


def stored_version(story_id: UUID) -> int:
    """Return the version a story's read model shows (0 when it has none)."""
    version = (
        StorySnapshot.objects.filter(story_id=story_id).values_list("version", flat=True).first()
    )
    return version or 0


def stopped_at(story_id: UUID, event: RecordedEvent, good: int, error: BaseException) -> StoppedAt:
    """Record that the story stopped at `event` with its read model at version `good`."""
    stopped = StoppedAt(
        stream_id=story_id,
        stream_type=STORY_STREAM,
        event_id=event.event_id,
        position=event.position,
        version=event.version if event.stream_id == story_id else good + 1,
        good_version=good,
    )
    failures.record(stopped, error)
    return stopped
