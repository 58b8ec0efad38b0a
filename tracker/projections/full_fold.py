"""Fold the whole global stream in memory: every story and the actor directory at one position."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from uuid import UUID

from tracker.domain import (
    ACTOR_STREAM,
    STORY_STREAM,
    ActorDirectory,
    ActorStop,
    StoryState,
    evolve,
    evolve_actors,
)
from tracker.eventstore import EventStore, StoredEvent
from tracker.projections import failures
from tracker.projections.rows import Rows, actor_rows, story_rows

READ_BATCH = 10_000
ROWS_CHUNK = 500  # stories rendered per chunk of rows


def fold_all(
    store: EventStore,
    *,
    until: int,
    partition: tuple[int, int] = (0, 1),
    progress: Callable[[int], object] | None = None,
    exclude: Collection[UUID] = (),
    actor_stops: Mapping[UUID, ActorStop] | None = None,
) -> tuple[dict[UUID, StoryState], ActorDirectory]:
    """Return the states of the partition's stories and the actor directory up to `until`.

    Stories and the directory fold independently, so each is read on its own; the first
    partition reports the actor events to `progress`, every partition its stories' events.
    The stories in `exclude` (those stuck at a failure) are left out. The directory starts
    from `actor_stops` (None: the stops recorded now), so an actor recorded stuck stays
    stopped where it was recorded, as the projection shows it, until a retry clears it.
    """
    excluded = frozenset(exclude)
    stops = failures.actor_stops() if actor_stops is None else actor_stops
    directory = ActorDirectory(stopped=dict(stops))
    actor_progress = progress if partition[0] == 0 else None
    for event in _events(store, until, [ACTOR_STREAM], None, actor_progress):
        evolve_actors(directory, event)
    states: dict[UUID, StoryState] = {}
    early: dict[UUID, dict[int, StoredEvent]] = {}  # events read before a version below them
    story_partition = partition if partition[1] > 1 else None  # (0, 1): every story, unfiltered
    for event in _events(store, until, [STORY_STREAM], story_partition, progress):
        if event.stream_id in excluded:
            continue
        state = states.get(event.stream_id)
        if state is None:
            state = states[event.stream_id] = StoryState()
        if event.version != state.version + 1 or event.stream_id in early:
            _fold_in_order(state, early.setdefault(event.stream_id, {}), event)
            if not early[event.stream_id]:
                del early[event.stream_id]
        else:
            evolve(state, event)
    for story_id, waiting in early.items():  # versions below lie past `until`: read them
        state = states[story_id]
        for event in store.read_stream(
            story_id, from_version=state.version + 1, to_version=max(waiting)
        ):
            evolve(state, event)
    return states, directory


def _fold_in_order(state: StoryState, waiting: dict[int, StoredEvent], event: StoredEvent) -> None:
    """Evolve `event` and the waiting ones that follow it once the versions below are in.

    Global position order is not always a stream's version order (an append composed into a
    transaction that took its id earlier): the story is folded in version order regardless.
    """
    if event.version > state.version:
        waiting[event.version] = event
    while state.version + 1 in waiting:
        evolve(state, waiting.pop(state.version + 1))


def _events(
    store: EventStore,
    until: int,
    stream_types: list[str],
    partition: tuple[int, int] | None,
    progress: Callable[[int], object] | None,
) -> Iterator[StoredEvent]:
    """Yield the events of the stream types (and partition) up to `until`, in global order."""
    after = 0
    while after < until:
        events = store.read_all(
            after=after, limit=READ_BATCH, stream_types=stream_types, partition=partition
        )
        events = [event for event in events if event.position <= until]
        if not events:
            return
        yield from events
        after = events[-1].position
        if progress:
            progress(len(events))


def all_rows(
    states: dict[UUID, StoryState], directory: ActorDirectory, exclude: Collection[UUID] = ()
) -> Iterator[Rows]:
    """Yield the read-model rows of every story and actor (but those in `exclude`), in chunks."""
    excluded = frozenset(exclude)
    yield actor_rows(directory, [actor for actor in directory.actors if actor not in excluded])
    chunk = Rows()
    for count, (story_id, state) in enumerate(states.items(), start=1):
        chunk.extend(story_rows(story_id, state, directory))
        if count % ROWS_CHUNK == 0:
            yield chunk
            chunk = Rows()
    yield chunk
