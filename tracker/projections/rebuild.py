"""Rebuild every read model from position 0 beside the live tables, then switch in one step."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
from queue import Queue
from uuid import UUID

from django.db import connection, connections, transaction

from tracker import bootstrap
from tracker.eventstore import EventStore
from tracker.projections import failures, projector, twins
from tracker.projections.full_fold import all_rows, fold_all
from tracker.projections.models import Checkpoint
from tracker.projections.rows import RENDERING, Rows
from tracker.projections.tables import rows_carry, rows_copy

MAX_WORKERS = 4
PARALLEL_FROM = 20_000  # events; below this a single process is faster than forking
REBUILD_LOCK = 0x5452_4B03  # advisory lock held for a whole rebuild
POLL_SECONDS = 0.2  # how often the parent passes its workers' progress on


@dataclass(frozen=True)
class RebuildReport:
    """What a rebuild did: up to which position, how many events, stories and actors."""

    position: int
    events: int
    stories: int
    actors: int


def rebuild(store: EventStore, *, progress: Callable[[int], object] | None = None) -> RebuildReport:
    """Recompute every read model; clients read the old tables until the switch."""
    with bootstrap.advisory_lock(REBUILD_LOCK):
        return _rebuild(store, progress)


def rebuild_if_stale(
    store: EventStore, *, progress: Callable[[int], object] | None = None
) -> RebuildReport | None:
    """Rebuild the read models if an older rendering wrote them; return None if none did."""
    with bootstrap.advisory_lock(REBUILD_LOCK):
        checkpoint = Checkpoint.objects.filter(name=projector.PROJECTION).first()
        if checkpoint is None or checkpoint.rendering == RENDERING:
            return None
        return _rebuild(store, progress)


def _rebuild(store: EventStore, progress: Callable[[int], object] | None) -> RebuildReport:
    until = store.last_position()
    stuck = failures.stuck_ids()  # left out of the fold; their live rows are carried over
    with _no_cyclic_gc():  # millions of new objects, no cycles: collections would only rescan
        twins.create_twins()
        workers = _worker_count(until)
        if workers > 1:
            report = _build_in_workers(store, until, workers, progress, stuck)
        else:
            report = _build_part(store, until, (0, 1), _Counter(progress), stuck)
        twins.index_twins(workers)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [projector.BATCH_LOCK])
        rows_carry(failures.stuck_ids(), suffix=twins.NEXT)  # as stuck as they are now
        twins.switch_twins()
        Checkpoint.objects.update_or_create(
            name=projector.PROJECTION,
            defaults={"position": until, "events_applied": report.events, "rendering": RENDERING},
        )
        while projector.apply_batch(store):  # the events that arrived during the rebuild
            pass
    return report


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _worker_count(until: int) -> int:
    """Return how many processes share the rebuild: one per core, when there is enough work."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if workers < 2 or "fork" not in mp.get_all_start_methods():
        return 1
    with connection.cursor() as cursor:  # stops counting once there is enough to share
        cursor.execute(
            "SELECT count(*) FROM (SELECT FROM events WHERE position <= %s LIMIT %s) AS enough",
            [until, PARALLEL_FROM],
        )
        return workers if cursor.fetchone()[0] >= PARALLEL_FROM else 1


def _build_part(
    store: EventStore,
    until: int,
    partition: tuple[int, int],
    counter: _Counter,
    stuck: set[UUID],
) -> RebuildReport:
    """Fold one partition of the stories, render their rows and COPY them beside the live ones."""
    states, directory = fold_all(
        store, until=until, partition=partition, progress=counter, exclude=stuck
    )
    chunks = all_rows(states, directory, exclude=stuck)
    if partition[0] != 0:
        next(chunks)  # the actor rows: written once, by the first partition
    _copy_beside(chunks)
    return RebuildReport(until, counter.n, len(states), len(directory.actors))


def _build_in_workers(
    store: EventStore,
    until: int,
    workers: int,
    progress: Callable[[int], object] | None,
    stuck: set[UUID],
) -> RebuildReport:
    """Share the stories among forked processes, each reading, folding and copying its own."""
    connections.close_all()  # no database connection may be shared across the fork
    context = mp.get_context("fork")
    folded = context.Value("q", 0)  # events folded by all workers, for the progress bar
    reports: mp.SimpleQueue[RebuildReport] = context.SimpleQueue()

    def work(index: int) -> None:
        counter = _Counter(lambda count: _add(folded, count))
        reports.put(_build_part(store, until, (index, workers), counter, stuck))
        connection.close()

    processes = [context.Process(target=work, args=(index,)) for index in range(workers)]
    for process in processes:
        process.start()
    passed_on = 0
    while any(process.is_alive() for process in processes):
        time.sleep(POLL_SECONDS)
        if progress and folded.value > passed_on:
            progress(folded.value - passed_on)
            passed_on = folded.value
    failed = [process.exitcode for process in processes if process.exitcode != 0]
    if failed:
        raise RuntimeError(f"rebuild workers failed with exit codes {failed}")
    parts = [reports.get() for _ in processes]
    if progress and folded.value > passed_on:
        progress(folded.value - passed_on)
    return RebuildReport(
        until,
        sum(part.events for part in parts),
        sum(part.stories for part in parts),
        parts[0].actors,
    )


def _add(total: Synchronized[int], count: int) -> None:
    with total.get_lock():
        total.value += count


def _copy_beside(chunks: Iterator[Rows]) -> None:
    """COPY chunks into the new tables from a second thread while the next chunk renders."""
    queue: Queue[Rows | None] = Queue(maxsize=2)
    failure: list[BaseException] = []

    def copy_chunks() -> None:
        try:
            while (chunk := queue.get()) is not None:
                with transaction.atomic():
                    rows_copy(chunk, suffix=twins.NEXT)
        except BaseException as error:  # handed to the rendering thread, which re-raises
            failure.append(error)
            while queue.get() is not None:
                pass
        finally:
            connection.close()

    writer = threading.Thread(target=copy_chunks, name="rebuild-copy")
    writer.start()
    try:
        for chunk in chunks:
            if failure:
                break
            queue.put(chunk)
    finally:
        queue.put(None)
        writer.join()
    if failure:
        raise failure[0]


class _Counter:
    def __init__(self, progress: Callable[[int], object] | None) -> None:
        self.n = 0
        self.progress = progress

    def __call__(self, count: int) -> None:
        self.n += count
        if self.progress:
            self.progress(count)
