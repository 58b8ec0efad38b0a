"""Reading: stream ranges and limits, global order with filters, and the safe horizon."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.eventstore.conftest import events, settled, wait_readable
from tracker.eventstore import NO_STREAM, EventStore, StreamAppend

# The test database (not the development one); the events table is never emptied.
pytestmark = pytest.mark.django_db


def test_read_stream_honours_range_and_limit(store: EventStore) -> None:
    """read_stream returns versions from..to (inclusive), at most `limit`, in order."""
    stream_id = uuid.uuid4()
    store.append(stream_id, "story", events(10), expected_version=NO_STREAM)

    def versions(**kwargs: Any) -> list[int]:
        return [event.version for event in store.read_stream(stream_id, **kwargs)]

    assert versions() == list(range(1, 11))
    assert versions(from_version=4) == list(range(4, 11))
    assert versions(from_version=4, to_version=6) == [4, 5, 6]
    assert versions(limit=3) == [1, 2, 3]
    assert versions(from_version=9, limit=5) == [9, 10]
    assert versions(from_version=11) == []
    assert store.read_stream(uuid.uuid4()) == []


def test_stream_version_is_zero_for_a_stream_that_does_not_exist(store: EventStore) -> None:
    """stream_version counts a stream's events; an unknown stream is at 0."""
    stream_id = uuid.uuid4()
    assert store.stream_version(stream_id) == 0
    store.append(stream_id, "story", events(4), expected_version=NO_STREAM)
    assert store.stream_version(stream_id) == 4


def test_read_all_reads_in_position_order_with_filters(store: EventStore) -> None:
    """read_all returns events after `after`, in position order, filtered by type if asked."""
    start = settled(store)
    story, actor = uuid.uuid4(), uuid.uuid4()
    store.append(story, "story", events(3, "visit"), expected_version=NO_STREAM)
    store.append(actor, "actor", events(2, "named"), expected_version=NO_STREAM)
    last = store.append(story, "story", events(1, "statement"), expected_version=3)
    wait_readable(store, last.positions[-1])
    mine = {story, actor}

    def read(**kwargs: object) -> list[tuple[uuid.UUID, int]]:
        found = store.read_all(after=start, **kwargs)  # type: ignore[arg-type]
        return [(event.stream_id, event.version) for event in found if event.stream_id in mine]

    everything = store.read_all(after=start)
    assert [event.position for event in everything] == sorted(e.position for e in everything)
    assert read() == [(story, 1), (story, 2), (story, 3), (actor, 1), (actor, 2), (story, 4)]
    assert read(event_types=["named"]) == [(actor, 1), (actor, 2)]
    assert read(stream_types=["story"], event_types=["statement", "visit"]) == [
        (story, 1),
        (story, 2),
        (story, 3),
        (story, 4),
    ]
    assert read(limit=2) == [(story, 1), (story, 2)]
    middle = everything[2].position
    assert store.read_all(after=middle)[0].position > middle
    assert store.last_position() == everything[-1].position


def test_partitions_share_the_streams_between_readers(store: EventStore) -> None:
    """Each stream falls in exactly one of n partitions; together they read everything."""
    start = settled(store)
    streams = [uuid.uuid4() for _ in range(12)]
    for stream_id in streams:
        last = store.append(stream_id, "story", events(2), expected_version=NO_STREAM)
    wait_readable(store, last.positions[-1])

    def read(partition: tuple[int, int] | None) -> list[tuple[uuid.UUID, int]]:
        found = store.read_all(after=start, limit=1000, partition=partition)
        return [(event.stream_id, event.version) for event in found if event.stream_id in streams]

    everything = read(None)
    assert len(everything) == 24
    parts = [read((index, 3)) for index in range(3)]
    assert sorted(e for part in parts for e in part) == sorted(everything)
    owners = [{stream_id for stream_id, _ in part} for part in parts]
    assert sum(len(owner) for owner in owners) == len(streams)  # no stream in two partitions
    assert all(part == [e for e in everything if e in part] for part in parts)  # global order
    assert read((0, 1)) == everything
    for wrong in [(3, 3), (-1, 2), (0, 0), (0, 257)]:
        with pytest.raises(ValueError, match="partition"):
            store.read_all(after=start, partition=wrong)


def test_an_open_transaction_holds_back_later_commits_until_it_ends(
    store: EventStore, engine: Engine
) -> None:
    """A reader never passes an event still being written: it waits for the older transaction.

    Transaction A appends first but commits last; B's committed event stays unreadable until
    A ends, and then both are read, A's first, so a reader that had moved on misses nothing.
    """
    start = settled(store)
    slow, fast = uuid.uuid4(), uuid.uuid4()
    with engine.connect() as connection, connection.begin():
        a = store.append(slow, "story", events(1), expected_version=0, connection=connection)
        b = store.append(fast, "story", events(1), expected_version=NO_STREAM)
        assert b.positions[0] > a.positions[0]
        assert store.stream_version(fast) == 1  # committed, readable by stream...
        assert fast not in {event.stream_id for event in store.read_all(after=start)}
        assert store.last_position() < a.positions[0]  # ...but not yet globally
    wait_readable(store, b.positions[0])
    seen = [event.position for event in store.read_all(after=start)]
    assert a.positions[0] in seen and b.positions[0] in seen
    assert seen.index(a.positions[0]) < seen.index(b.positions[0])


def test_a_multi_stream_append_is_read_as_one_block(store: EventStore) -> None:
    """Events appended together sit at consecutive positions of one transaction."""
    start = settled(store)
    one, two = uuid.uuid4(), uuid.uuid4()
    results = store.append_many(
        [
            StreamAppend(one, "story", events(2), NO_STREAM),
            StreamAppend(two, "actor", events(1), NO_STREAM),
        ]
    )
    positions = results[0].positions + results[1].positions
    assert positions == tuple(range(positions[0], positions[0] + 3))
    wait_readable(store, positions[-1])
    read = [event.position for event in store.read_all(after=start)]
    assert read == list(positions)


def test_waiting_counts_readable_events_after_a_position_without_reading_them(
    store: EventStore, engine: Engine
) -> None:
    """`waiting` counts (up to its limit) what a reader after `after` would read, and its age."""
    start = settled(store)
    stream_id = uuid.uuid4()
    result = store.append(stream_id, "story", events(5), expected_version=NO_STREAM)
    wait_readable(store, result.positions[-1])
    count, oldest = store.waiting(start, limit=1000)
    read = store.read_all(after=start)
    # Others may append meanwhile, always past what was readable: the count is read's first.
    assert len(read) >= count >= 5
    assert oldest == min(event.recorded_at for event in read[:count])
    assert store.waiting(start, limit=3)[0] == 3
    assert store.waiting(result.positions[-1] + 2**40, limit=1000) == (0, None)
    with engine.connect() as connection, connection.begin():
        held = store.append(uuid.uuid4(), "story", events(1), expected_version=0,
                            connection=connection)  # fmt: skip
        assert store.waiting(held.positions[0] - 1, limit=1000)[0] == 0  # not committed
