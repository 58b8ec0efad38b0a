"""Rebuild: the same tables, indexes and constraints; the same rows however many workers."""

from __future__ import annotations

import pytest
from django.db import connection

from bench.corpus import Corpus
from tracker import bootstrap
from tracker.projections import rebuild as rebuild_module
from tracker.projections.rebuild import rebuild
from tracker.projections.rows import COLUMNS
from tracker.projections.verify import verify
from tracker.services.sample import sample_load
from tracker.services.streams import append_pending

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


def contents() -> dict[str, list[tuple[object, ...]]]:
    """Return every row of every read-model table, in a stable order."""
    found = {}
    with connection.cursor() as cursor:
        for table, columns in COLUMNS.items():
            order = ", ".join(str(number) for number in range(1, len(columns) + 1))
            cursor.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
            found[table] = cursor.fetchall()
    return found


def test_forked_workers_build_the_same_rows_as_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stories shared among partitions yield exactly the rows a single process writes."""
    corpus = Corpus(seed=11)
    append_pending(corpus.actors(), versions={}, metadata={}, idempotency_key=None, request=None)
    stories = [event for _ in range(12) for event in corpus.story(25)]
    append_pending(stories, versions={}, metadata={}, idempotency_key=None, request=None)
    store = bootstrap.event_store()
    monkeypatch.setattr(rebuild_module, "PARALLEL_FROM", 10**9)
    single = rebuild(store)
    alone = contents()
    monkeypatch.setattr(rebuild_module, "PARALLEL_FROM", 1)
    shared = rebuild(store)
    assert shared == single
    assert contents() == alone
    assert len(alone["projections_storyview"]) >= 12
    assert verify(store) == []
