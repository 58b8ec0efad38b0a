"""Render the rows a story's snapshot is ahead of: now, before a read, or when the projector idles.

A story is pending when its snapshot moved on without its summary rows (a story longer than
`incremental.EAGER_LIMIT`: level 1), or when an actor change left every row of it to render
again (level 2). Its timeline rows of level 1 are current; the rest is rendered from the
snapshot, never from the event stream, under the batch lock, so it shows the snapshot's
version exactly.
"""

from __future__ import annotations

import logging
from uuid import UUID

from django.db import transaction

from tracker.domain import STORY_STREAM, ActorDirectory, StoryState
from tracker.domain.snapshot import state_from_data, state_to_data
from tracker.eventstore import EventStore
from tracker.projections import failures
from tracker.projections.checkpoint import async_commit, batch_lock, checkpoint_position
from tracker.projections.directory import directory_at
from tracker.projections.failures import StoppedAt
from tracker.projections.models import StorySnapshot
from tracker.projections.rows import DEVELOPMENT, SUMMARY_TABLES, snapshot_data, summary_rows
from tracker.projections.snapshots import records_load
from tracker.projections.tables import rows_replace

log = logging.getLogger(__name__)

RENDER_BATCH = 20  # pending stories the idle projector renders per transaction


def story_render(
    story_id: UUID, state: StoryState, directory: ActorDirectory, *, level: int, full: bool = False
) -> None:
    """Replace the story's summary rows (level 2: and development rows) with `state`'s.

    Unless `full`, `state` gives only the story's fields; its developments are read from
    their rows.
    """
    if level <= 0:
        return
    if not full:
        state = state_from_data(state_to_data(state), records_load(story_id))
    rows = summary_rows(story_id, state, directory, with_developments=level >= 2)
    tables = SUMMARY_TABLES + ((DEVELOPMENT,) if level >= 2 else ())
    rows_replace(tables, "story_id", [story_id], rows)


def story_catch_up(
    store: EventStore, story_id: UUID, directory: ActorDirectory | None = None
) -> bool:
    """Render a pending story from its snapshot (the caller holds the batch lock).

    `directory` is the one of the batch being applied; by default, the checkpoint's.
    """
    row = (
        StorySnapshot.objects.filter(story_id=story_id, pending__gt=0)
        .values_list("state", "pending")
        .first()
    )
    if row is None:
        return False
    state = state_from_data(snapshot_data(row[0]))
    directory = directory or directory_at(store, checkpoint_position())
    story_render(story_id, state, directory, level=row[1])
    StorySnapshot.objects.filter(story_id=story_id).update(pending=0)
    return True


def refresh(store: EventStore, story_id: UUID) -> None:
    """Bring a pending story's rows up to its snapshot before it is read (if that works).

    A failure leaves the rows as they were (the read shows them): the projector worker
    records it when it renders the story.
    """
    if not StorySnapshot.objects.filter(story_id=story_id, pending__gt=0).exists():
        return
    try:
        with transaction.atomic():
            batch_lock()
            async_commit()
            story_catch_up(store, story_id)
    except Exception:
        log.warning("story %s could not be rendered for a read", story_id, exc_info=True)


def render_some(store: EventStore, limit: int = RENDER_BATCH) -> int:
    """Render up to `limit` pending stories unless a batch is being applied; return how many.

    A story whose rows cannot be rendered is recorded as stuck at its snapshot's version.
    """
    with transaction.atomic():
        if not batch_lock(block=False):
            return 0
        async_commit()
        ids = _pending_ids(limit)
        for story_id in ids:
            try:
                with transaction.atomic():
                    story_catch_up(store, story_id)
            except failures.INFRASTRUCTURE:
                raise
            except Exception as error:  # any cause stops this story alone
                _stop(story_id, error)
    return len(ids)


def render_all(store: EventStore) -> int:
    """Render every pending story that is not stuck (the caller holds the batch lock)."""
    ids = _pending_ids(None)
    for story_id in ids:
        story_catch_up(store, story_id)
    return len(ids)


def _pending_ids(limit: int | None) -> list[UUID]:
    stuck = failures.stuck_ids()
    rows = StorySnapshot.objects.filter(pending__gt=0).exclude(story_id__in=stuck)
    ids = rows.order_by("position").values_list("story_id", flat=True)
    return list(ids[:limit] if limit is not None else ids)


def _stop(story_id: UUID, error: BaseException) -> None:
    version, position = StorySnapshot.objects.values_list("version", "position").get(
        story_id=story_id
    )
    stopped = StoppedAt(story_id, STORY_STREAM, None, position, version, good_version=version)
    failures.record(stopped, error)
