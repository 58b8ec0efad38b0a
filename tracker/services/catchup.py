"""Wait for the read models to reach a write's position, one waiter per process at the lock.

Every write waits (bounded) until the projection's checkpoint passes its own event, so a
client's next read shows it. The writes of a process share that wait: one of them at a time
(the driver) queues for the batch lock, while the others sleep on a condition. Once it holds
the lock, the driver reads the checkpoint the last applier left (waking every write it
covers); if that checkpoint is short of a position still wanted, it applies the next batch
itself, so the writes that arrived meanwhile share one batch. Nothing polls the database: the
driver waits in PostgreSQL until the applier before it commits, and at most `timeout`.

An observation counts only for a write that arrived before it was made, so a checkpoint
seen before a write never stands for it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from django.db import connection, transaction

from tracker.eventstore import EventStore
from tracker.projections import projector
from tracker.projections.checkpoint import BATCH_LOCK, checkpoint_position

#: Longest wait for events that are stored but not readable yet (an earlier append in flight).
READABLE_WAIT = 0.05


@dataclass
class _Shared:
    """What a process's waiting writes share: the checkpoint last seen, and who drives."""

    condition: threading.Condition = field(default_factory=threading.Condition)
    seen: int = 0  # the checkpoint the last observation read
    seen_step: int = 0  # the step that read it
    steps: int = 0  # steps started so far
    driving: bool = False
    wanted: int = 0  # the highest position a waiting write needs


_shared = _Shared()


def wait_for(store: EventStore, position: int, timeout: float) -> bool:
    """Return once the read models reach `position` (True), or False after `timeout` seconds.

    Raises what the driving step raised (the caller treats it as not reached). Inside a
    transaction of the caller's, what it applies is seen by no other write until that
    commits: it then catches up alone.
    """
    if connection.in_atomic_block:
        return projector.catch_up(store, position=position, timeout=timeout)
    deadline = time.monotonic() + timeout
    shared = _shared
    with shared.condition:
        arrived = shared.steps
        shared.wanted = max(shared.wanted, position)
    while True:
        with shared.condition:
            while True:
                if shared.seen_step > arrived and shared.seen >= position:
                    return True
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                if not shared.driving:
                    break
                shared.condition.wait(remaining)
            shared.driving = True
            shared.steps += 1
            step = shared.steps
        try:
            _drive(store, step, deadline)
        finally:
            with shared.condition:
                shared.driving = False
                shared.condition.notify_all()


def _drive(store: EventStore, step: int, deadline: float) -> None:
    """Take the batch lock (waiting at most until `deadline`), publish the checkpoint, apply."""
    with transaction.atomic():
        if not _batch_lock_until(deadline):
            return
        before = checkpoint_position()
        _publish(step, before)
        if before >= _shared.wanted:
            return
        applied = projector.apply_batch(store)
    after = checkpoint_position() if applied else before
    _publish(step, after)
    if not applied:  # the events wanted are stored but not readable yet
        remaining = deadline - time.monotonic()
        store.wait_for_events(after=after, timeout=max(0.0, min(READABLE_WAIT, remaining)))


def _batch_lock_until(deadline: float) -> bool:
    """Take the batch lock for this transaction; False when `deadline` passed first."""
    milliseconds = int((deadline - time.monotonic()) * 1000)
    if milliseconds <= 0:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{milliseconds}ms"])
        try:
            with transaction.atomic():  # a savepoint: a lock timeout leaves the transaction usable
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [BATCH_LOCK])
        except Exception as error:
            if _lock_timed_out(error):
                return False
            raise
        finally:
            cursor.execute("SET LOCAL lock_timeout TO DEFAULT")
    return True


def _lock_timed_out(error: BaseException) -> bool:
    """Return whether PostgreSQL refused a lock because lock_timeout passed (SQLSTATE 55P03)."""
    return getattr(error.__cause__ or error, "sqlstate", None) == "55P03"


def _publish(step: int, checkpoint: int) -> None:
    """Record a checkpoint read in `step` and wake the writes it may cover."""
    shared = _shared
    with shared.condition:
        if step >= shared.seen_step:
            shared.seen, shared.seen_step = checkpoint, step
        if checkpoint >= shared.wanted:
            shared.wanted = 0
        shared.condition.notify_all()
