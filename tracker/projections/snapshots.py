"""Story snapshots: load a story's state, its developments read from their rows when asked for.

A snapshot is the story's row in `projections_storysnapshot` (its state but the developments,
at a version) plus the `record` of each of its development rows. The fold (`evolve`) and the
decisions only look developments up by id, so a state loaded here holds the few the new
events name, never the whole story: the cost of a write does not grow with the story.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NoReturn
from uuid import UUID

from django.db import connection, transaction

from tracker.domain import DevelopmentRecord, StoryState, evolve
from tracker.domain.snapshot import record_from_data, state_from_data
from tracker.eventstore import EventStore
from tracker.projections.models import DevelopmentView, StorySnapshot
from tracker.projections.rendering import RENDERING
from tracker.projections.rows import snapshot_data


class Developments(dict[UUID, DevelopmentRecord]):
    """A story's developments, each read from its row the first time it is looked up by id.

    Iterating is refused: a partial state cannot list what it never loaded.
    """

    def __init__(self, story_id: UUID) -> None:
        super().__init__()
        self.story_id = story_id
        self.absent: set[UUID] = set()
        self.stored: dict[UUID, list[str]] = {}  # loaded from a row -> the refs it had there

    def prefetch(self, ids: Iterable[UUID]) -> None:
        """Load these developments (those not looked up yet) in one query."""
        wanted = {i for i in ids if not dict.__contains__(self, i) and i not in self.absent}
        if not wanted:
            return
        rows = DevelopmentView.objects.filter(story_id=self.story_id, event_id__in=wanted)
        for event_id, text, refs in rows.values_list("event_id", "record", "refs"):
            dict.__setitem__(self, event_id, record_from_data(snapshot_data(text)))
            self.stored[event_id] = list(refs)
        self.absent |= wanted - set(self.stored)

    def in_memory(self) -> dict[UUID, DevelopmentRecord]:
        """Return the developments loaded or added so far."""
        return dict(dict.items(self))

    def get(self, key: UUID, default: Any = None) -> Any:
        """Return the development with this id (loading it), or `default`."""
        self.prefetch([key])
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        """Return whether the story has this development (loading it)."""
        if isinstance(key, UUID):
            self.prefetch([key])
        return dict.__contains__(self, key)

    def __getitem__(self, key: UUID) -> DevelopmentRecord:
        """Return the development with this id (loading it); KeyError if there is none."""
        self.prefetch([key])
        return dict.__getitem__(self, key)

    def _partial(self, *_: Any) -> NoReturn:
        raise TypeError("a snapshot's developments are looked up by id; load the full state")

    __iter__ = keys = values = items = _partial


@dataclass
class Snapshot:
    """A story's stored state (developments loaded on demand), row count and pending level."""

    state: StoryState
    developments: int
    pending: int


def snapshot_load(story_id: UUID) -> Snapshot | None:
    """Return the story's snapshot, or None (none stored, or stored by another rendering)."""
    row = (
        StorySnapshot.objects.filter(story_id=story_id)
        .values_list("state", "developments", "pending", "rendering")
        .first()
    )
    if row is None or row[3] != RENDERING:
        return None
    state = state_from_data(snapshot_data(row[0]), Developments(story_id))
    return Snapshot(state, row[1], row[2])


def records_load(
    story_id: UUID, ids: Collection[str] | None = None, pointing_at: Collection[str] = ()
) -> dict[UUID, DevelopmentRecord]:
    """Return the story's developments (all, or those in `ids` and those pointing at others)."""
    sql = "SELECT event_id, record FROM projections_developmentview WHERE story_id = %s"
    params: list[Any] = [story_id]
    if ids is not None:
        sql += " AND (event_id = ANY(%s::uuid[]) OR refs && %s::text[])"
        params += [list(ids), list(pointing_at)]
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY position", params)
        return {
            _uuid(event_id): record_from_data(snapshot_data(text))
            for event_id, text in cursor.fetchall()
        }


@contextlib.contextmanager
def decision_state(store: EventStore, story_id: UUID) -> Iterator[StoryState | None]:
    """Yield the story's current state to decide against: its snapshot plus the later events.

    The snapshot and the developments the decision looks up are read in one transaction
    snapshot (repeatable read), so they show one version; the events after it come from the
    store. None when the story has no events.
    """
    with transaction.atomic():
        if len(connection.atomic_blocks) == 1:  # the transaction is ours: nothing ran in it yet
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        snapshot = snapshot_load(story_id)
        state = snapshot.state if snapshot is not None else StoryState()
        for event in store.read_stream(story_id, from_version=state.version + 1):
            evolve(state, event)
        yield state if state.version else None


def _uuid(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))
