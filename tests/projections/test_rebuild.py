"""Rebuild: the same tables, indexes and constraints; the same rows however many workers."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections

from bench.corpus import Corpus
from tracker import bootstrap
from tracker.projections import rebuild as rebuild_module
from tracker.projections.models import Checkpoint, StoryView
from tracker.projections.rebuild import rebuild, rebuild_if_stale
from tracker.projections.rows import COLUMNS, RENDERING
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
        cursor.execute(
            "SELECT attstorage FROM pg_attribute"
            " WHERE attrelid = 'projections_storyview'::regclass AND attname = 'document'"
        )
        assert cursor.fetchone()[0] == "e"  # stored uncompressed, in the rebuilt table too
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


def test_migrate_all_rebuilds_read_models_an_older_rendering_wrote() -> None:
    """A checkpoint of an older rendering makes migrate_all rebuild; a current one does not."""
    slug = sample_load().slug
    store = bootstrap.event_store()
    rebuild(store)
    assert Checkpoint.objects.get().rendering == RENDERING
    assert rebuild_if_stale(store) is None
    StoryView.objects.filter(slug=slug).update(title="Rendered by an older version")
    Checkpoint.objects.update(rendering=RENDERING - 1)
    assert verify(store) != []
    call_command("migrate_all", "--no-progress", verbosity=0)
    assert Checkpoint.objects.get().rendering == RENDERING
    assert StoryView.objects.get(slug=slug).title != "Rendered by an older version"
    assert verify(store) == []


def test_concurrent_rebuilds_take_turns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two rebuilds at once do not trample each other's tables: the second waits its turn."""
    sample_load()
    monkeypatch.setattr(rebuild_module, "PARALLEL_FROM", 10**9)
    store = bootstrap.event_store()
    failures: list[BaseException] = []

    def run() -> None:
        try:
            rebuild(store)
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert verify(store) == []
