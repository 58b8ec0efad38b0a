"""Apply a story's new events to its snapshot and write only the rows they touch.

The snapshot is loaded (the developments the events name, by id), the events are evolved
onto it (the domain's one fold), and the development rows whose view changed are replaced:
the developments the events added or changed, the ones those point at (a confirmation
changes its target's view), and, to render those, the ones pointing at them. A story of at
most `EAGER_LIMIT` developments also gets its summary rows (document, involvement, figures,
sources) rendered in the same transaction; a longer story is marked pending and rendered
off the write path (`tracker.projections.pending`): on the next read of it, or by the
projector worker when it has no events to apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from uuid import UUID

from tracker.domain import ActorDirectory, DevelopmentRecord, RecordedEvent, StoryState, evolve
from tracker.domain.document import development_view
from tracker.domain.snapshot import record_references
from tracker.domain.view import StoryView
from tracker.eventstore import EventStore
from tracker.projections import pending
from tracker.projections.rows import (
    COLUMNS,
    DEVELOPMENT,
    SNAPSHOT,
    Rows,
    development_row,
    snapshot_row,
)
from tracker.projections.snapshots import Developments, records_load, snapshot_load
from tracker.projections.tables import rows_put

_EVENT_ID = COLUMNS[DEVELOPMENT].index("event_id")
#: Stories with at most this many developments get their summary rows with their events.
EAGER_LIMIT = 500


def story_apply(
    store: EventStore,
    story_id: UUID,
    events: Sequence[RecordedEvent],
    directory: ActorDirectory,
) -> None:
    """Evolve the story's snapshot by `events` (its next ones, in order) and write what changed."""
    snapshot = snapshot_load(story_id)
    if snapshot is None:  # never projected, or by another rendering: fold it from its events
        state = StoryState()
        for earlier in store.read_stream(story_id, to_version=events[-1].version):
            evolve(state, earlier)
        pending.story_render(story_id, state, directory, level=2, full=True)
        snapshot_write(story_id, state, len(state.developments), pending=0)
        return
    state = snapshot.state
    developments = state.developments
    assert isinstance(developments, Developments)
    events = in_version_order(store, story_id, state.version, events)
    developments.prefetch(_named(events))
    for event in events:
        evolve(state, event)
    touched = developments.in_memory()
    count = snapshot.developments + sum(1 for i in touched if i not in developments.stored)
    shown = {str(i) for i in touched}
    for event_id, record in touched.items():
        shown.update(developments.stored.get(event_id, ()), record_references(record))
    rows = Rows()
    views_render(rows, story_id, touched, shown, directory)
    rendered = [row[_EVENT_ID] for row in rows.tables[DEVELOPMENT]]
    rows_put(DEVELOPMENT, "event_id", rendered, rows)
    level = max(snapshot.pending, 1)
    if count <= EAGER_LIMIT:
        pending.story_render(story_id, state, directory, level=level)
        level = 0
    snapshot_write(story_id, state, count, pending=level)


def in_version_order(
    store: EventStore, story_id: UUID, version: int, events: Sequence[RecordedEvent]
) -> Sequence[RecordedEvent]:
    """Return the story's events after `version` up to the batch's last, with none missing.

    Global position order is not always a stream's version order: an append composed into a
    transaction that took its id earlier sits at a lower position than the version before it,
    which can then fall into a later batch. A gap is filled from the stream, so the story is
    always folded in version order; the later batch finds those versions applied already.
    """
    new = [event for event in events if event.version > version]  # applied ones change nothing
    if all(event.version == version + n for n, event in enumerate(new, start=1)):
        return new
    return list(store.read_stream(story_id, from_version=version + 1, to_version=new[-1].version))


def snapshot_write(story_id: UUID, state: StoryState, developments: int, *, pending: int) -> None:
    """Store the story's snapshot row (its state but the developments)."""
    rows = Rows()
    snapshot_row(rows, story_id, state, developments, pending=pending)
    rows_put(SNAPSHOT, "story_id", [story_id], rows)


def views_render(
    rows: Rows,
    story_id: UUID,
    known: dict[UUID, DevelopmentRecord],
    shown: set[str],
    directory: ActorDirectory,
) -> None:
    """Add the rows of the developments in `shown`, rendered as the whole story would show them.

    `known` holds the developments as they are now; the others are read from their rows, with
    every development pointing at one in `shown` (what a view's confirmation is built from).
    """
    stored = records_load(story_id, ids=[str(i) for i in _uuids(shown)], pointing_at=shown)
    partial = StoryState(developments=stored | known)
    view = StoryView(partial, directory)
    for row in view.timeline:
        if row.event_id in shown:
            development_row(rows, story_id, development_view(view, row, shared=True), row.record)


def _named(events: Iterable[RecordedEvent]) -> set[UUID]:
    """Return the developments the events most likely look up: their own ids and targets."""
    ids = set()
    for event in events:
        ids.add(event.event_id)
        target = event.data.get("target") if isinstance(event.data, dict) else None
        if target:
            ids.update(_uuids([str(target)]))
    return ids


def _uuids(texts: Iterable[str]) -> list[UUID]:
    out = []
    for text in texts:
        try:
            out.append(UUID(text))
        except ValueError:
            continue  # a reference that names no development: nothing to render
    return out
