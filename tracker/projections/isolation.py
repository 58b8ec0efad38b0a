"""Stop one stream at the first event that cannot be applied, leaving every other one going.

When a story's events up to the batch's end cannot be applied, the story is applied again
event by event from the version its read model shows: each event that folds, renders and
is accepted by the database moves the read model on (in a savepoint of its own); the first
one that does not is recorded as the story's failure, and the read model stays at the last
good version.
"""

from __future__ import annotations

from uuid import UUID

from django.db import transaction

from tracker.domain import STORY_STREAM, ActorDirectory, RecordedEvent, StoryState, evolve
from tracker.eventstore import EventStore
from tracker.projections import failures
from tracker.projections.failures import StoppedAt
from tracker.projections.models import StoryView
from tracker.projections.rows import STORY_TABLES, story_rows
from tracker.projections.tables import rows_replace


def story_stop(
    store: EventStore,
    story_id: UUID,
    end: int,
    directory: ActorDirectory,
    *,
    trigger: RecordedEvent | None,
) -> StoppedAt | None:
    """Apply the story as far as it goes up to `end`; record and return where it stopped.

    Returns None when every event applied this time (the failure did not come back).
    `trigger` is blamed when no event of the story is (an actor change re-rendered it);
    without one, the story's last event is.
    """
    good = stored_version(story_id)
    events = [e for e in store.read_stream(story_id) if e.position <= end]
    state = StoryState()
    written = False
    for event in events:
        try:
            evolve(state, event)
            if event.version > good:
                _story_write(story_id, state, directory)
                good, written = event.version, True
        except failures.INFRASTRUCTURE:
            raise
        except Exception as found:  # this event cannot be applied: the story stops here
            return _stopped(story_id, event, good, found)
    if events and not written:  # nothing new: the story failed to re-render as it was
        try:
            _story_write(story_id, state, directory)
        except failures.INFRASTRUCTURE:
            raise
        except Exception as found:
            return _stopped(story_id, trigger or events[-1], good, found)
    return None  # the failure did not come back when applied event by event


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


def stored_version(story_id: UUID) -> int:
    """Return the version a story's read model shows (0 when it has none)."""
    version = StoryView.objects.filter(story_id=story_id).values_list("version", flat=True).first()
    return version or 0


def _story_write(story_id: UUID, state: StoryState, directory: ActorDirectory) -> None:
    """Render the state and replace the story's rows with it, in a savepoint of its own."""
    rows = story_rows(story_id, state, directory)
    with transaction.atomic():
        rows_replace(STORY_TABLES, "story_id", [story_id], rows)


def _stopped(story_id: UUID, event: RecordedEvent, good: int, error: BaseException) -> StoppedAt:
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
