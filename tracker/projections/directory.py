"""The actor directory as of a global position, kept by following the actor streams.

One home for both sides: the projector renders with it and the services decide with it.
An actor event that cannot be applied is left out with its actor's later events (the domain's
fold says where each actor stopped; the projector records it, see `isolation.actors_stopped`).
Once such a failure was recorded and then cleared by `retry_projection`, the directory is
folded again from the first event, so every process takes the fix up.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from uuid import UUID

from tracker.domain import ACTOR_STREAM, ActorDirectory, evolve_actors
from tracker.eventstore import EventStore, StoredEvent
from tracker.projections import failures

READ_BATCH = 5000


class FollowedDirectory:
    """An ActorDirectory advanced incrementally over the store's actor events."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._start()

    def _start(self) -> None:
        """Start again from an empty directory (it is folded again when next asked)."""
        self._directory = ActorDirectory()
        self._position = 0
        self._recorded: set[UUID] = set()  # stopped actors seen recorded as failures

    def forget(self) -> None:
        """Fold again from the first event when next asked (a stopped actor was retried)."""
        with self._lock:
            self._start()

    def at(self, store: EventStore, position: int | None = None) -> ActorDirectory:
        """Return the directory after every actor event up to `position` (or all); read only."""
        with self._lock:
            if (position is not None and position < self._position) or self._retried():
                self._start()  # never goes back, and a retried actor is applied again: refold
            while True:
                events = store.read_all(
                    after=self._position, limit=READ_BATCH, stream_types=[ACTOR_STREAM]
                )
                events = [e for e in events if position is None or e.position <= position]
                for event in events:
                    evolve_actors(self._directory, event)
                    self._position = event.position
                if len(events) < READ_BATCH:
                    break
            if position is not None:
                self._position = max(self._position, position)
            return self._directory

    def _retried(self) -> bool:
        """Return whether an actor stopped here was recorded as a failure and is no more."""
        if not self._directory.stopped:
            return False
        recorded = failures.stuck_among(set(self._directory.stopped))
        self._recorded |= recorded
        return bool(self._recorded - recorded)


def actor_events(store: EventStore, until: int) -> Iterator[StoredEvent]:
    """Yield every actor event up to position `until`, in global order."""
    after = 0
    while True:
        events = store.read_all(after=after, limit=READ_BATCH, stream_types=[ACTOR_STREAM])
        yield from (event for event in events if event.position <= until)
        if len(events) < READ_BATCH or events[-1].position >= until:
            return
        after = events[-1].position


_latest = FollowedDirectory()
_projected = FollowedDirectory()


def actor_directory(store: EventStore) -> ActorDirectory:
    """Return the directory with every actor event the store holds now."""
    return _latest.at(store)


def directory_at(store: EventStore, position: int) -> ActorDirectory:
    """Return the directory after every actor event up to `position` (what the projector shows)."""
    return _projected.at(store, position)


def directories_forget() -> None:
    """Make both directories of this process fold again from the first event when next asked."""
    _latest.forget()
    _projected.forget()
