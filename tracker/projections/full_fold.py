"""Fold the whole global stream in memory: every story and the actor directory at one position."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from uuid import UUID

from tracker.domain import (
    ACTOR_STREAM,
    STORY_STREAM,
    ActorDirectory,
    StoryState,
    evolve,
    evolve_actors,
)
from tracker.eventstore import EventStore
from tracker.projections.rows import Rows, actor_rows, story_rows

READ_BATCH = 10_000
ROWS_CHUNK = 500  # stories rendered per chunk of rows


def fold_all(
    store: EventStore, *, until: int, progress: Callable[[int], object] | None = None
) -> tuple[dict[UUID, StoryState], ActorDirectory]:
    """Return every story's state and the actor directory after the events up to `until`."""
    states: dict[UUID, StoryState] = {}
    directory = ActorDirectory()
    after = 0
    while after < until:
        events = store.read_all(after=after, limit=READ_BATCH)
        events = [event for event in events if event.position <= until]
        if not events:
            break
        for event in events:
            if event.stream_type == STORY_STREAM:
                state = states.get(event.stream_id)
                if state is None:
                    state = states[event.stream_id] = StoryState()
                evolve(state, event)
            elif event.stream_type == ACTOR_STREAM:
                evolve_actors(directory, event)
        after = events[-1].position
        if progress:
            progress(len(events))
    return states, directory


def all_rows(states: dict[UUID, StoryState], directory: ActorDirectory) -> Iterator[Rows]:
    """Yield the read-model rows of every story and actor, in chunks."""
    yield actor_rows(directory, list(directory.actors))
    chunk = Rows()
    for count, (story_id, state) in enumerate(states.items(), start=1):
        chunk.extend(story_rows(story_id, state, directory))
        if count % ROWS_CHUNK == 0:
            yield chunk
            chunk = Rows()
    yield chunk
