"""Apply a batch of events to the read models: each story's snapshot evolved by its new events.

A story's events are evolved onto its stored snapshot and only the rows they touch change
(`incremental`). An actor change rewrites the actor's rows and marks the stories that show
the actors concerned as pending: the first `ACTOR_EAGER_STORIES` of them are rendered again
in the batch, the others before their next read or by the idle projector, a few per
transaction (`pending`), so that a merge of an actor named in thousands of stories never
holds the batch lock for long.

A stream whose events cannot be applied (the fold raises, the database refuses a row) stops
alone: its read model stays at its last good version, its failure is recorded and its later
events are skipped, while every other stream is applied (see `isolation`). An actor event
the directory cannot apply is left out of it with the actor's later events, so every story
shows that actor as of its last good event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from uuid import UUID

from django.db import transaction

from tracker.domain import ACTOR_STREAM, STORY_STREAM, ActorDirectory, RecordedEvent
from tracker.domain.event_types import ACTOR_REGISTERED
from tracker.eventstore import EventStore
from tracker.projections import failures, incremental, isolation, pending
from tracker.projections.directory import directory_at
from tracker.projections.rows import ACTOR_TABLES, actor_rows
from tracker.projections.tables import pending_mark, rows_replace, story_ids_involving

ACTOR_EAGER_STORIES = 50  # stories an actor change renders again within its batch

__all__ = ["directory_at", "events_apply"]


def events_apply(store: EventStore, events: Sequence[RecordedEvent]) -> None:
    """Bring the read models of everything `events` touched to the state after the last one."""
    end = events[-1].position
    directory = directory_at(store, end)
    stuck = failures.stuck_ids()
    stuck |= isolation.actors_stopped(directory, stuck)
    by_stream: dict[UUID, list[RecordedEvent]] = {}
    for event in events:
        if not directory.left_out(event):  # an actor event the directory could not apply
            by_stream.setdefault(event.stream_id, []).append(event)
    for stream_events in by_stream.values():
        # Position order is commit-horizon order, not always a stream's version order (an
        # append composed into a transaction that took its xid earlier): fold by version.
        stream_events.sort(key=lambda event: event.version)
    stories = {
        stream_id: stream_events
        for stream_id, stream_events in by_stream.items()
        if stream_events[0].stream_type == STORY_STREAM and stream_id not in stuck
    }
    stories_apply(store, stories, directory)
    actor_ids = {
        stream_id
        for stream_id, stream_events in by_stream.items()
        if stream_events[0].stream_type == ACTOR_STREAM
    }
    if actor_ids:
        # A stopped actor's rows show it as the directory does (up to its last good event);
        # an actor whose rows the database refused keeps them as they were.
        refused = stuck - set(directory.stopped)
        actors_apply(related_actors(directory, actor_ids) - refused, directory, by_stream)
        shown = _stories_showing(directory, actor_ids, by_stream, set(stories)) - stuck
        pending_mark(shown, level=2)
        trigger = next(e for e in events if e.stream_id in actor_ids)
        for story_id in sorted(shown)[:ACTOR_EAGER_STORIES]:
            story_rerender(store, story_id, end, directory, trigger)


def _stories_showing(
    directory: ActorDirectory,
    actor_ids: set[UUID],
    by_stream: dict[UUID, list[RecordedEvent]],
    applied: set[UUID],
) -> set[UUID]:
    """Return the stories whose rows the actor events change.

    An actor only registered now is shown by no row rendered before this batch: the stories
    this batch applied rendered it already, with the directory as of the batch's end.
    """
    changed = {
        actor_id
        for actor_id in actor_ids
        if any(event.event_type != ACTOR_REGISTERED for event in by_stream[actor_id])
    }
    shown = story_ids_involving(related_actors(directory, changed)) if changed else set()
    return shown | (story_ids_involving(actor_ids - changed) - applied)


def stories_apply(
    store: EventStore, stories: dict[UUID, list[RecordedEvent]], directory: ActorDirectory
) -> None:
    """Apply each story's events: all at once, then story by story if that was refused."""
    if not stories:
        return
    try:
        with transaction.atomic():  # a savepoint: the common case, every story in one go
            for story_id, story_events in stories.items():
                incremental.story_apply(store, story_id, story_events, directory)
        return
    except failures.INFRASTRUCTURE:
        raise
    except Exception:
        pass
    for story_id, story_events in stories.items():
        try:
            with transaction.atomic():  # a savepoint per story
                incremental.story_apply(store, story_id, story_events, directory)
        except failures.INFRASTRUCTURE:
            raise
        except Exception:  # any cause, foreseen or not, stops this story alone
            isolation.story_stop(store, story_id, story_events, directory)


def story_rerender(
    store: EventStore,
    story_id: UUID,
    end: int,
    directory: ActorDirectory,
    trigger: RecordedEvent,
) -> None:
    """Render a story again from its snapshot (an actor it shows changed); stop it on failure."""
    try:
        with transaction.atomic():
            pending.story_catch_up(store, story_id, directory)
    except failures.INFRASTRUCTURE:
        raise
    except Exception as error:
        isolation.rerender_stop(story_id, trigger, error)


def actors_apply(
    actor_ids: set[UUID], directory: ActorDirectory, by_stream: dict[UUID, list[RecordedEvent]]
) -> None:
    """Re-render the actors' rows: all at once, then one by one if that was refused."""
    try:
        with transaction.atomic():
            actors_replace(actor_ids, directory)
        return
    except failures.INFRASTRUCTURE:
        raise
    except Exception:
        pass
    for actor_id in actor_ids:
        try:
            with transaction.atomic():
                actors_replace({actor_id}, directory)
        except failures.INFRASTRUCTURE:
            raise
        except Exception as error:
            isolation.actor_stop(actor_id, error, by_stream.get(actor_id) or [])


def actors_replace(actor_ids: set[UUID], directory: ActorDirectory) -> None:
    """Replace the rows of these actors with the directory's."""
    rows_replace(ACTOR_TABLES, "actor_id", actor_ids, actor_rows(directory, actor_ids))


def related_actors(directory: ActorDirectory, actor_ids: Iterable[UUID]) -> set[UUID]:
    """Return the actors and every actor merged with them (all share one canonical actor)."""
    roots = {directory.canonical(actor_id) for actor_id in actor_ids}
    related = set(actor_ids) | roots
    related |= {other for other in directory.actors if directory.canonical(other) in roots}
    return related
