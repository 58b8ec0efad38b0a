"""Concurrency: racing writers, and a global reader that never skips while writers commit."""

from __future__ import annotations

import random
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine

from tests.eventstore.conftest import events, settled
from tracker.eventstore import ANY, NO_STREAM, EventStore, StreamAppend, VersionConflict

# The test database (not the development one); the events table is never emptied.
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 3])
def test_exactly_one_of_racing_writers_wins(engine: Engine, count: int) -> None:
    """Ten writers, each on its own connection, append at the same expected version at once."""
    store = EventStore(engine)
    stream_id = uuid.uuid4()
    store.append(stream_id, "story", events(2), expected_version=NO_STREAM)
    writers = 10
    barrier = threading.Barrier(writers)

    def write(_: int) -> object:
        barrier.wait(timeout=30)
        try:
            return store.append(stream_id, "story", events(count), expected_version=2)
        except VersionConflict as conflict:
            return conflict

    with ThreadPoolExecutor(writers) as pool:
        outcomes = list(pool.map(write, range(writers)))
    conflicts = [o for o in outcomes if isinstance(o, VersionConflict)]
    assert len(conflicts) == writers - 1
    assert {(c.expected, c.current) for c in conflicts} == {(2, 2 + count)}
    assert store.stream_version(stream_id) == 2 + count


def test_racing_writers_under_any_all_land_without_gaps(engine: Engine) -> None:
    """Writers appending with ANY to one stream all succeed, at distinct consecutive versions."""
    store = EventStore(engine)
    stream_id = uuid.uuid4()
    writers, appends = 8, 15
    barrier = threading.Barrier(writers)

    def write(index: int) -> list[int]:
        barrier.wait(timeout=30)
        versions: list[int] = []
        for n in range(appends):
            result = store.append(
                stream_id, "story", events(1 + (index + n) % 2), expected_version=ANY
            )
            versions += range(result.first_version, result.last_version + 1)
        return versions

    with ThreadPoolExecutor(writers) as pool:
        versions = sorted(v for found in pool.map(write, range(writers)) for v in found)
    assert versions == list(range(1, len(versions) + 1))
    assert [e.version for e in store.read_stream(stream_id)] == versions


@pytest.mark.slow
def test_a_global_reader_sees_every_event_once_in_order_while_writers_commit(
    engine: Engine,
) -> None:
    """Eight writers commit out of order while two readers follow the global stream.

    Writers mix single events, batches, multi-stream appends and transactions left open a
    little; each reader must see strictly increasing positions and, in the end, every
    appended event exactly once.
    """
    store = EventStore(engine, poll_interval=0.2)
    start = settled(store)
    writers, rounds = 8, 60
    appended: dict[uuid.UUID, int] = {}  # event id -> position
    done = threading.Event()

    def write(index: int) -> None:
        rng = random.Random(index)
        stream_id, version = uuid.uuid4(), 0
        for _ in range(rounds):
            shape = rng.random()
            if shape < 0.2:  # a multi-stream append, with a new stream
                new = events(rng.randint(1, 4))
                results = store.append_many(
                    [
                        StreamAppend(stream_id, "story", new, version),
                        StreamAppend(uuid.uuid4(), "actor", events(1), NO_STREAM),
                    ]
                )
            elif shape < 0.3:  # a transaction held open while others commit
                new = events(rng.randint(1, 3))
                with engine.connect() as connection, connection.begin():
                    results = [
                        store.append(
                            stream_id, "story", new, expected_version=version, connection=connection
                        )
                    ]
                    time.sleep(rng.random() * 0.02)
                store.notify()
            else:
                new = events(1 if shape < 0.7 else rng.randint(2, 30))
                results = [store.append(stream_id, "story", new, expected_version=version)]
            version += len(new)
            for result in results:
                appended.update(zip(result.event_ids, result.positions, strict=True))

    followed: list[tuple[int, uuid.UUID]] = []

    def follow() -> list[tuple[int, uuid.UUID]]:
        for event in store.follow(start, stop=done):
            followed.append((event.position, event.event_id))
        return followed

    def poll() -> list[tuple[int, uuid.UUID]]:
        seen, after = [], start
        while not done.is_set():
            batch = store.read_all(after=after, limit=97)
            seen += [(event.position, event.event_id) for event in batch]
            after = batch[-1].position if batch else after
        seen += [(e.position, e.event_id) for e in store.read_all(after=after, limit=10**6)]
        return seen

    with ThreadPoolExecutor(writers + 2) as pool:
        readers = [pool.submit(follow), pool.submit(poll)]
        try:
            for future in [pool.submit(write, index) for index in range(writers)]:
                future.result()
            last = max(appended.values())
            # Wait until every append is readable (a transaction elsewhere on the server may
            # still hold the horizon), then until the follower has read it, then stop both.
            assert store.wait_for_events(last - 1, timeout=30)
            deadline = time.monotonic() + 30
            while (not followed or followed[-1][0] < last) and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            done.set()  # even when a writer failed: the readers must end for the pool to close
        results = [reader.result(timeout=30) for reader in readers]
    assert len(appended) > writers * rounds
    for seen in results:
        positions = [position for position, _ in seen]
        assert positions == sorted(set(positions)), "a reader saw a position twice or out of order"
        read = {event_id: position for position, event_id in seen}
        assert len(read) == len(seen)
        missed = {event_id for event_id in appended if event_id not in read}
        assert not missed, f"a reader missed {len(missed)} events"
        assert all(read[event_id] == position for event_id, position in appended.items())


def test_multi_stream_appends_crossing_the_same_streams_all_land(engine: Engine) -> None:
    """Writers appending to two shared streams in opposite orders neither fail nor deadlock."""
    store = EventStore(engine)
    one, two = uuid.uuid4(), uuid.uuid4()
    writers, appends = 6, 20
    barrier = threading.Barrier(writers)

    def write(index: int) -> None:
        barrier.wait(timeout=30)
        for n in range(appends):
            pair = [one, two] if (index + n) % 2 else [two, one]
            store.append_many([StreamAppend(s, "story", events(2), ANY) for s in pair])

    with ThreadPoolExecutor(writers) as pool:
        list(pool.map(write, range(writers)))
    for stream_id in (one, two):
        versions = [event.version for event in store.read_stream(stream_id)]
        assert versions == list(range(1, 2 * writers * appends + 1))
