"""The actor directory as of a global position, kept by following the actor streams.

One home for both sides: the projector renders with it and the services decide with it.
An actor event that cannot be applied is left out with its actor's later events (the domain's
fold says where each actor stopped; the projector records it, see `isolation.actors_stopped`).
Every fold starts from the stops recorded (`directory_seed`): an actor recorded stuck stays
stopped at its recorded event until `retry_projection` clears it, whatever the code does now,
like a stuck story. So the projector, verify and rebuild show the same directory, and the
services decide with it too (a write to a stuck actor is refused until the retry), and
replays and exports show the actor as the projection does.
A directory folds again from the first event when one of its stops may no longer hold: its
failure was recorded and is no more (`retry_projection` cleared it), or the projector went
past it without one. So every process takes up a fix that another one retried.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

from tracker.domain import ACTOR_STREAM, ActorDirectory, evolve_actors
from tracker.eventstore import EventStore, StoredEvent
from tracker.projections import failures
from tracker.projections.checkpoint import checkpoint_position

READ_BATCH = 5000


class FollowedDirectory:
    """An ActorDirectory advanced incrementally over the store's actor events.

    The directory is advanced in place, so a reader holds it (`held`) while it reads: no
    other thread of the process advances it meanwhile.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._rechecked: set[tuple[UUID, int]] = set()  # stops folded again once already
        self._start()

    def _start(self) -> None:
        """Start again from the recorded stops (the directory is folded again when next asked)."""
        self._directory: ActorDirectory | None = None  # seeded when next asked
        self._position = 0
        self._recorded: set[UUID] = set()  # stopped actors seen recorded as failures

    def forget(self) -> None:
        """Fold again from the first event when next asked (a stopped actor was retried)."""
        with self._lock:
            self._rechecked = set()
            self._start()

    @contextmanager
    def held(self, store: EventStore, position: int | None = None) -> Iterator[ActorDirectory]:
        """Yield the directory up to `position` (or all); no other thread changes it meanwhile.

        The lock is reentrant: a block nested in the same thread advances the same directory,
        so a reader must not take it again while it still relies on what it read.
        """
        with self._lock:
            yield self.at(store, position)

    def at(self, store: EventStore, position: int | None = None) -> ActorDirectory:
        """Return the directory after every actor event up to `position` (or all); read only.

        Another thread may advance it later: read it under `held` unless this thread is the
        only one that advances it (the projector's, under the batch lock).
        """
        with self._lock:
            if (position is not None and position < self._position) or self._outdated():
                self._start()  # never goes back, and a stop that may not hold is checked again
            directory = self._directory
            if directory is None:
                directory = self._directory = directory_seed()
            while True:
                events = store.read_all(
                    after=self._position, limit=READ_BATCH, stream_types=[ACTOR_STREAM]
                )
                events = [e for e in events if position is None or e.position <= position]
                for event in events:
                    evolve_actors(directory, event)
                    self._position = event.position
                if len(events) < READ_BATCH:
                    break
            if position is not None:
                self._position = max(self._position, position)
            return directory

    def _outdated(self) -> bool:
        """Return whether a stop of this directory may no longer hold (fold again to know).

        That is when its failure was recorded and is no more (retried), or when the projector
        went past it without recording it (it applied there, or was retried since): each
        such stop is checked again once.
        """
        if self._directory is None or not self._directory.stopped:
            return False
        stopped = self._directory.stopped
        recorded = failures.stuck_among(set(stopped))
        self._recorded |= recorded
        if self._recorded - recorded:
            return True
        passed = checkpoint_position()
        unchecked = {
            (stop.actor_id, stop.version)
            for stop in stopped.values()
            if stop.actor_id not in recorded and stop.position <= passed
        } - self._rechecked
        self._rechecked |= unchecked
        return bool(unchecked)


def directory_seed(*, but: UUID | None = None) -> ActorDirectory:
    """Return where every fold of the actors starts: no actor, the recorded stops (but `but`'s).

    The seed is read when a fold starts; the domain's fold takes it in, reading nothing.
    """
    return ActorDirectory(stopped=failures.actor_stops(but=but))


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


@contextmanager
def actor_directory(store: EventStore) -> Iterator[ActorDirectory]:
    """Yield the directory with every actor event the store holds now, held for the block.

    Decisions, replays and exports of every thread share it: no thread advances it while
    another reads it.
    """
    with _latest.held(store) as directory:
        yield directory


def directory_at(store: EventStore, position: int) -> ActorDirectory:
    """Return the directory after every actor event up to `position` (what the projector shows)."""
    return _projected.at(store, position)


def directories_forget() -> None:
    """Make both directories of this process fold again from the first event when next asked."""
    _latest.forget()
    _projected.forget()
