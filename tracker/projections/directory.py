"""The actor directory as of a global position, kept by following the actor streams.

One home for both sides: the projector renders with it and the services decide with it.
"""

from __future__ import annotations

import threading

from tracker.domain import ACTOR_STREAM, ActorDirectory, evolve_actors
from tracker.eventstore import EventStore

READ_BATCH = 5000


class FollowedDirectory:
    """An ActorDirectory advanced incrementally over the store's actor events."""

    def __init__(self) -> None:
        self._directory = ActorDirectory()
        self._position = 0
        self._lock = threading.Lock()

    def at(self, store: EventStore, position: int | None = None) -> ActorDirectory:
        """Return the directory after every actor event up to `position` (or all); read only."""
        with self._lock:
            if position is not None and position < self._position:
                self._directory, self._position = ActorDirectory(), 0  # never goes back: refold
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


_latest = FollowedDirectory()
_projected = FollowedDirectory()


def actor_directory(store: EventStore) -> ActorDirectory:
    """Return the directory with every actor event the store holds now."""
    return _latest.at(store)


def directory_at(store: EventStore, position: int) -> ActorDirectory:
    """Return the directory after every actor event up to `position` (what the projector shows)."""
    return _projected.at(store, position)
