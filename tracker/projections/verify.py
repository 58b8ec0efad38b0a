"""Compare the live read models with a fold of every event in memory."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction

from tracker.eventstore import EventStore
from tracker.projections import projector
from tracker.projections.full_fold import all_rows, fold_all
from tracker.projections.rows import COLUMNS
from tracker.projections.tables import rows_copy

EXPECTED = "_expected"
SHOWN_PER_TABLE = 20


def verify(store: EventStore, *, progress: Callable[[int], None] | None = None) -> list[str]:
    """Return the differences between the read models and the events (empty: no drift)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [projector.BATCH_LOCK])
        until = projector.checkpoint_position()
        states, directory = fold_all(store, until=until, progress=progress)
        with connection.cursor() as cursor:
            for table in COLUMNS:
                cursor.execute(
                    f"CREATE TEMP TABLE {table}{EXPECTED} (LIKE {table} INCLUDING ALL) "
                    "ON COMMIT DROP"
                )
        for chunk in all_rows(states, directory):
            rows_copy(chunk, suffix=EXPECTED)
        differences = []
        with connection.cursor() as cursor:
            for table in COLUMNS:
                differences += _differences(cursor, table)
    return differences


def _differences(cursor: object, table: str) -> list[str]:
    columns = ", ".join(COLUMNS[table])
    found = []
    for label, left, right in (
        ("missing from read model", f"{table}{EXPECTED}", table),
        ("unexpected in read model", table, f"{table}{EXPECTED}"),
    ):
        cursor.execute(  # type: ignore[attr-defined]
            f"SELECT {columns} FROM {left} EXCEPT SELECT {columns} FROM {right} LIMIT %s",
            [SHOWN_PER_TABLE],
        )
        for row in cursor.fetchall():  # type: ignore[attr-defined]
            found.append(f"{table}: {label}: {row[:3]}")
    return found
