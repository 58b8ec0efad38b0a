"""The stories projection's name, checkpoint and locks, shared by everything that writes it."""

from __future__ import annotations

from django.db import connection

from tracker.projections.models import Checkpoint

PROJECTION = "stories"
BATCH_LOCK = 0x5452_4B01  # advisory lock held by whoever applies a batch or renders rows
LEADER_LOCK = 0x5452_4B02  # advisory lock held by the active projector worker
ASYNC_COMMIT = True  # projection transactions commit with synchronous_commit off


def checkpoint_position() -> int:
    """Return the position up to which the read models are applied."""
    row = Checkpoint.objects.filter(name=PROJECTION).values_list("position", flat=True).first()
    return row or 0


def batch_lock(*, block: bool = True) -> bool:
    """Take the batch lock until the transaction ends; False when `block` is off and it is held."""
    with connection.cursor() as cursor:
        if block:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [BATCH_LOCK])
            return True
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [BATCH_LOCK])
        return bool(cursor.fetchone()[0])


def async_commit() -> None:
    """Let this transaction commit without waiting for its WAL to reach disk.

    Safe for projections: a crash loses at most the last batches, which the checkpoint
    (written in the same transaction) makes the projector apply again.
    """
    if ASYNC_COMMIT:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
