"""Compare the live read models with a fold of every event in memory."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction

from tracker.eventstore import EventStore
from tracker.projections import failures, pending, projector
from tracker.projections.full_fold import all_rows, fold_all
from tracker.projections.rows import COLUMNS
from tracker.projections.tables import rows_carry, rows_copy

EXPECTED = "_expected"
SHOWN_PER_TABLE = 20


def verify(store: EventStore, *, progress: Callable[[int], object] | None = None) -> list[str]:
    """Return the differences between the read models and the events (empty: no drift).

    Streams stuck at a failure are left out of the comparison: `stuck_lines` reports them.
    Stories whose rows are pending are rendered from their snapshots first (what their next
    read would do), so the comparison covers snapshots and rendering both.
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [projector.BATCH_LOCK])
        pending.render_all(store)
        until = projector.checkpoint_position()
        stuck = failures.stuck_ids()  # compared as they are: `stuck_lines` reports them
        states, directory = fold_all(store, until=until, progress=progress, exclude=stuck)
        with connection.cursor() as cursor:
            for table in COLUMNS:
                cursor.execute(
                    f"CREATE TEMP TABLE {table}{EXPECTED} (LIKE {table} INCLUDING ALL) "
                    "ON COMMIT DROP"
                )
        for chunk in all_rows(states, directory, exclude=stuck):
            rows_copy(chunk, suffix=EXPECTED)
        rows_carry(stuck, suffix=EXPECTED)
        differences = []
        with connection.cursor() as cursor:
            for table in COLUMNS:
                differences += _differences(cursor, table)
    return differences


def stuck_lines() -> list[str]:
    """Describe every stream the projector stopped at (empty: none is stuck)."""
    return [
        f"{failure.stream_type} {failure.stream_id} stuck at version {failure.good_version} "
        f"since {failure.first_seen:%Y-%m-%d %H:%M:%S%z}: event {failure.event_id} (version "
        f"{failure.version}, position {failure.position}) does not apply, {failure.attempts} "
        f"attempt(s): {failure.error}"
        for failure in failures.stuck()
    ]


def _differences(cursor: Any, table: str) -> list[str]:
    """Describe rows that differ: per key, the columns (and JSON keys) whose values differ."""
    columns = COLUMNS[table]
    listed = ", ".join(columns)
    sides = {}
    for label, left, right in (
        ("expected", f"{table}{EXPECTED}", table),
        ("live", table, f"{table}{EXPECTED}"),
    ):
        cursor.execute(
            f"SELECT {listed} FROM {left} EXCEPT SELECT {listed} FROM {right} LIMIT %s",
            [SHOWN_PER_TABLE],
        )
        sides[label] = {_key(table, row): row for row in cursor.fetchall()}
    found = []
    for key in sorted(set(sides["expected"]) | set(sides["live"]), key=str):
        expected, live = sides["expected"].get(key), sides["live"].get(key)
        if live is None:
            found.append(f"{table} {key}: missing from the read model")
        elif expected is None:
            found.append(f"{table} {key}: in the read model, not in the events")
        else:
            for column, want, have in zip(columns, expected, live, strict=True):
                if want != have:
                    found.append(f"{table} {key}: {column} {_delta(want, have)}")
    return found


def _key(table: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
    width = {"projections_storyview": 1, "projections_developmentview": 1,
             "projections_storysnapshot": 1,
             "projections_actorview": 1, "projections_figurepoint": 4}.get(table, 2)  # fmt: skip
    return tuple(str(value) for value in row[:width])


def _delta(want: Any, have: Any) -> str:
    want, have = _parsed(want), _parsed(have)
    if isinstance(want, dict) and isinstance(have, dict):
        keys = sorted(k for k in set(want) | set(have) if want.get(k) != have.get(k))
        return "; ".join(
            f"{k}: expected {_short(want.get(k))}, got {_short(have.get(k))}" for k in keys
        )
    return f"expected {_short(want)}, got {_short(have)}"


def _parsed(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "{[":
        with contextlib.suppress(ValueError):
            return json.loads(value)
    return value


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 160 else text[:157] + "..."
