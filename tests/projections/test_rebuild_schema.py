"""A rebuild swaps in tables with the same indexes and key constraints, under the same names."""

from __future__ import annotations

import pytest
from django.db import connection

from tracker import bootstrap
from tracker.projections.rebuild import rebuild
from tracker.projections.rows import COLUMNS
from tracker.services.sample import sample_load

pytestmark = pytest.mark.django_db(transaction=True)


def schema() -> dict[str, list[tuple[str, ...]]]:
    """Return, per read-model table, its indexes and constraints as (name, definition)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    with connection.cursor() as cursor:
        for table in COLUMNS:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table]
            )
            indexes = [(name, definition) for name, definition in cursor.fetchall()]
            cursor.execute(
                "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE conrelid = %s::regclass AND contype <> 'n'",
                [table],
            )
            found[table] = sorted(indexes) + sorted(cursor.fetchall())
    return found


def test_rebuild_keeps_every_index_and_key_constraint() -> None:
    """Indexes are built after the bulk copy, yet the switched-in tables look exactly alike."""
    sample_load()
    before = schema()
    assert all(before.values())
    rebuild(bootstrap.event_store())
    assert schema() == before
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_class WHERE relname LIKE '%%\\_next%%'")
        assert cursor.fetchone()[0] == 0
