"""Apply a batch of events to the read models: re-fold every story the batch touched."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from uuid import UUID

from tracker.domain import ACTOR_STREAM, STORY_STREAM, ActorDirectory, RecordedEvent, fold
from tracker.eventstore import EventStore
from tracker.projections.rows import ACTOR_TABLES, STORY_TABLES, Rows, actor_rows, story_rows
from tracker.projections.tables import rows_copy, rows_delete, story_ids_involving
from tracker.services.directory import FollowedDirectory

_directory = FollowedDirectory()


def events_apply(store: EventStore, events: Sequence[RecordedEvent]) -> None:
    """Bring the read models of everything `events` touched to the state after the last one."""
    end = events[-1].position
    directory = _directory.at(store, end)
    story_ids = {event.stream_id for event in events if event.stream_type == STORY_STREAM}
    actor_ids = {event.stream_id for event in events if event.stream_type == ACTOR_STREAM}
    if actor_ids:
        related = related_actors(directory, actor_ids)
        rows_delete(ACTOR_TABLES, "actor_id", related)
        rows_copy(actor_rows(directory, related))
        story_ids |= story_ids_involving(related)
    rows = Rows()
    for story_id in story_ids:
        story_events = [e for e in store.read_stream(story_id) if e.position <= end]
        if story_events:
            rows.extend(story_rows(story_id, fold(story_events), directory))
    rows_delete(STORY_TABLES, "story_id", story_ids)
    rows_copy(rows)


def related_actors(directory: ActorDirectory, actor_ids: Iterable[UUID]) -> set[UUID]:
    """Return the actors and every actor merged with them (all share one canonical actor)."""
    roots = {directory.canonical(actor_id) for actor_id in actor_ids}
    related = set(actor_ids) | roots
    related |= {other for other in directory.actors if directory.canonical(other) in roots}
    return related
