"""Apply a batch of events to the read models: re-fold every story the batch touched.

A stream whose events cannot be applied (the fold raises, the database refuses a row) stops
alone: its read model stays at its last good version, its failure is recorded and its later
events are skipped, while every other stream is applied (see `isolation`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from uuid import UUID

from django.db import transaction

from tracker.domain import ACTOR_STREAM, STORY_STREAM, ActorDirectory, RecordedEvent, fold
from tracker.eventstore import EventStore
from tracker.projections import failures, isolation
from tracker.projections.rows import ACTOR_TABLES, STORY_TABLES, Rows, actor_rows, story_rows
from tracker.projections.tables import rows_replace, story_ids_involving
from tracker.services.directory import FollowedDirectory

_directory = FollowedDirectory()


def directory_at(store: EventStore, position: int) -> ActorDirectory:
    """Return the actor directory after every actor event up to `position`."""
    return _directory.at(store, position)


def events_apply(store: EventStore, events: Sequence[RecordedEvent]) -> None:
    """Bring the read models of everything `events` touched to the state after the last one."""
    end = events[-1].position
    directory = directory_at(store, end)
    stuck = failures.stuck_ids()
    by_stream: dict[UUID, list[RecordedEvent]] = {}
    for event in events:
        by_stream.setdefault(event.stream_id, []).append(event)
    story_ids = {event.stream_id for event in events if event.stream_type == STORY_STREAM}
    actor_ids = {event.stream_id for event in events if event.stream_type == ACTOR_STREAM}
    if actor_ids:
        related = related_actors(directory, actor_ids)
        actors_apply(related - stuck, directory, by_stream)
        story_ids |= story_ids_involving(related)
    trigger = next((e for e in events if e.stream_type == ACTOR_STREAM), events[-1])
    stories_apply(store, story_ids - stuck, end, directory, by_stream, trigger)


def stories_apply(
    store: EventStore,
    story_ids: Iterable[UUID],
    end: int,
    directory: ActorDirectory,
    by_stream: dict[UUID, list[RecordedEvent]],
    trigger: RecordedEvent,
) -> None:
    """Re-render the stories up to `end`: all at once, then one by one if that was refused."""
    rendered: dict[UUID, Rows] = {}
    failed: set[UUID] = set()
    for story_id in story_ids:
        try:
            rendered[story_id] = story_render(store, story_id, end, directory)
        except failures.INFRASTRUCTURE:
            raise
        except Exception:  # any cause, foreseen or not, stops this story alone
            failed.add(story_id)
    try:
        with transaction.atomic():  # a savepoint: the common case, every story in one go
            stories_replace(rendered)
    except failures.INFRASTRUCTURE:
        raise
    except Exception:
        for story_id, rows in rendered.items():
            try:
                with transaction.atomic():  # a savepoint per story
                    stories_replace({story_id: rows})
            except failures.INFRASTRUCTURE:
                raise
            except Exception:
                failed.add(story_id)
    for story_id in failed:
        blamed = (by_stream.get(story_id) or [trigger])[0]
        isolation.story_stop(store, story_id, end, directory, trigger=blamed)


def story_render(store: EventStore, story_id: UUID, end: int, directory: ActorDirectory) -> Rows:
    """Fold one story's events up to `end` and render its rows (empty if it has none yet)."""
    story_events = [e for e in store.read_stream(story_id) if e.position <= end]
    if not story_events:
        return Rows()
    return story_rows(story_id, fold(story_events), directory)


def stories_replace(rendered: dict[UUID, Rows]) -> None:
    """Replace the rows of these stories with the rendered ones."""
    rows = Rows()
    for one in rendered.values():
        rows.extend(one)
    rows_replace(STORY_TABLES, "story_id", rendered, rows)


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
