"""Apply the global stream to the read models exactly once, checkpoint in the same transaction."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.db import connection, transaction

from tracker.eventstore import EventStore
from tracker.projections import apply, pending, supervisor
from tracker.projections.checkpoint import (
    BATCH_LOCK,
    LEADER_LOCK,
    PROJECTION,
    async_commit,
    batch_lock,
    checkpoint_position,
)
from tracker.projections.models import Checkpoint

__all__ = ["BATCH_LOCK", "PROJECTION", "apply_batch", "catch_up", "checkpoint_position", "run"]


def apply_batch(store: EventStore, *, limit: int = 500, block: bool = True) -> int | None:
    """Apply the next batch after the checkpoint; return how many events were applied.

    Returns None without waiting when `block` is false and another applier holds the lock.
    The transaction commits asynchronously (see `checkpoint.async_commit`).
    """
    with transaction.atomic():
        if not batch_lock(block=block):
            return None
        async_commit()
        checkpoint, _ = Checkpoint.objects.get_or_create(name=PROJECTION)
        events = store.read_all(after=checkpoint.position, limit=limit)
        if not events:
            return 0
        apply.events_apply(store, events)
        checkpoint.position = events[-1].position
        checkpoint.events_applied += len(events)
        checkpoint.save()
    return len(events)


def catch_up(store: EventStore, *, position: int, timeout: float = 3.0) -> bool:
    """Apply events until the read models reach `position`; False when the time ran out."""
    deadline = time.monotonic() + timeout
    while checkpoint_position() < position:
        applied = apply_batch(store, block=False)
        if time.monotonic() >= deadline:
            return checkpoint_position() >= position
        if applied is None:  # another applier is at work: let it
            time.sleep(0.01)
        elif applied == 0:
            store.wait_for_events(after=checkpoint_position(), timeout=0.05)
    return True


def run(
    store: EventStore,
    *,
    stop: threading.Event,
    batch_size: int = 500,
    on_batch: Callable[[int], object] | None = None,
    on_lead: Callable[[int], object] | None = None,
    idle_wait: float = 1.0,
    first_delay: float = supervisor.FIRST_DELAY,
    max_delay: float = supervisor.MAX_DELAY,
) -> None:
    """Lead the projection until `stop` is set; wait as a hot standby while another leads.

    When no event waits, it renders stories whose rows are pending (a few per transaction).
    Database outages do not end it: it backs off (from `first_delay`, doubling up to
    `max_delay` seconds), reconnects and resumes from the checkpoint.
    """

    def lead(outage: supervisor.Outage) -> None:
        supervisor.lead_once(
            store,
            outage,
            stop=stop,
            projection=PROJECTION,
            apply_batch=lambda: apply_batch(store, limit=batch_size),
            position=checkpoint_position,
            try_lock=_try_leader_lock,
            release_lock=_release_leader_lock,
            on_batch=on_batch,
            on_lead=on_lead,
            idle_wait=idle_wait,
            on_idle=lambda: pending.render_some(store),
        )

    supervisor.supervise(lead, stop=stop, first_delay=first_delay, max_delay=max_delay)
    supervisor.reset_connection()  # a thread's connection is not closed by Django for it


def _try_leader_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LEADER_LOCK])
        return bool(cursor.fetchone()[0])


def _release_leader_lock() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [LEADER_LOCK])
