"""Appending: versions, expected versions, stream types, validation, and stored fields."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from tests.eventstore.conftest import events
from tracker.eventstore import (
    ANY,
    NO_STREAM,
    EventStore,
    InvalidAppend,
    NewEvent,
    StreamTypeMismatch,
    TooManyEvents,
    VersionConflict,
)

# The test database (not the development one); the events table is never emptied.
pytestmark = pytest.mark.django_db


def test_a_new_stream_numbers_its_events_from_one(store: EventStore) -> None:
    """Appending to a new stream stores versions 1..n at increasing positions."""
    stream_id = uuid.uuid4()
    new = events(3)
    result = store.append(stream_id, "story", new, expected_version=NO_STREAM)
    assert (result.first_version, result.last_version) == (1, 3)
    assert result.event_ids == tuple(event.event_id for event in new)
    assert list(result.positions) == sorted(set(result.positions))
    assert not result.duplicate
    stored = store.read_stream(stream_id)
    assert [event.version for event in stored] == [1, 2, 3]
    assert [event.position for event in stored] == list(result.positions)


def test_an_exact_expected_version_appends_after_it(store: EventStore) -> None:
    """Expected version N appends N+1 (single events take the one-statement path)."""
    stream_id = uuid.uuid4()
    for version in range(3):
        result = store.append(stream_id, "story", events(1), expected_version=version)
        assert result.first_version == result.last_version == version + 1
    assert store.stream_version(stream_id) == 3


@pytest.mark.parametrize("count", [1, 2])
def test_a_stale_expected_version_is_a_conflict_carrying_the_current_one(
    store: EventStore, count: int
) -> None:
    """Appending at an old version raises VersionConflict with the stream's current version."""
    stream_id = uuid.uuid4()
    store.append(stream_id, "story", events(2), expected_version=NO_STREAM)
    with pytest.raises(VersionConflict) as conflict:
        store.append(stream_id, "story", events(count), expected_version=1)
    assert (conflict.value.stream_id, conflict.value.expected, conflict.value.current) == (
        stream_id,
        1,
        2,
    )
    with pytest.raises(VersionConflict) as ahead:
        store.append(stream_id, "story", events(count), expected_version=5)
    assert ahead.value.current == 2
    assert store.stream_version(stream_id) == 2


@pytest.mark.parametrize("count", [1, 2])
def test_no_stream_refuses_a_stream_that_exists(store: EventStore, count: int) -> None:
    """NO_STREAM (like expected version 0) fails once the stream has events."""
    stream_id = uuid.uuid4()
    store.append(stream_id, "story", events(count), expected_version=NO_STREAM)
    with pytest.raises(VersionConflict) as conflict:
        store.append(stream_id, "story", events(count), expected_version=NO_STREAM)
    assert conflict.value.current == count
    assert conflict.value.expected is NO_STREAM
    with pytest.raises(VersionConflict):
        store.append(stream_id, "story", events(count), expected_version=0)


@pytest.mark.parametrize("count", [1, 3])
def test_any_appends_at_the_end_of_new_and_existing_streams(store: EventStore, count: int) -> None:
    """ANY creates a stream or appends after its last event, whatever its version."""
    stream_id = uuid.uuid4()
    first = store.append(stream_id, "story", events(count), expected_version=ANY)
    second = store.append(stream_id, "story", events(count), expected_version=ANY)
    assert (first.first_version, first.last_version) == (1, count)
    assert (second.first_version, second.last_version) == (count + 1, 2 * count)


@pytest.mark.parametrize("expected", [1, ANY])
@pytest.mark.parametrize("count", [1, 2])
def test_a_stream_keeps_its_type(store: EventStore, expected: object, count: int) -> None:
    """Appending to an existing stream under another stream type raises StreamTypeMismatch."""
    stream_id = uuid.uuid4()
    store.append(stream_id, "story", events(1), expected_version=NO_STREAM)
    with pytest.raises(StreamTypeMismatch) as mismatch:
        store.append(stream_id, "actor", events(count), expected_version=expected)  # type: ignore[arg-type]
    assert (mismatch.value.expected, mismatch.value.actual) == ("actor", "story")
    assert store.stream_version(stream_id) == 1


def test_a_stored_event_keeps_every_field(store: EventStore) -> None:
    """Every field comes back as appended; recorded_at is the database's clock, with a zone."""
    stream_id = uuid.uuid4()
    before = datetime.now(UTC)
    new = NewEvent(
        "visit",
        {"summary": "Envoy visits Washington", "figures": [1, 2.5], "nested": {"a": None}},
        schema_version=2,
        metadata={"recorded_by": "tester", "correlation_id": "c-1"},
        occurred_at=datetime(2025, 4, 2, tzinfo=UTC),
        occurred_precision="day",
        reported_at=datetime(2025, 4, 3, 8, 15, tzinfo=UTC),
    )
    result = store.append(stream_id, "story", [new], expected_version=NO_STREAM)
    (event,) = store.read_stream(stream_id)
    assert event.position == result.positions[0]
    assert (event.event_id, event.stream_id, event.stream_type) == (
        new.event_id,
        stream_id,
        "story",
    )
    assert (event.version, event.event_type, event.schema_version) == (1, "visit", 2)
    assert (event.data, event.metadata) == (new.data, new.metadata)
    assert (event.occurred_at, event.occurred_precision) == (new.occurred_at, "day")
    assert event.reported_at == new.reported_at
    assert event.recorded_at.tzinfo is not None
    assert abs((event.recorded_at - before).total_seconds()) < 60


def test_a_big_batch_is_stored_in_order(store: EventStore) -> None:
    """A 1,000-event append (the COPY path) stores consecutive versions at rising positions."""
    stream_id = uuid.uuid4()
    result = store.append(stream_id, "story", events(1000), expected_version=NO_STREAM)
    assert (result.first_version, result.last_version) == (1, 1000)
    stored = store.read_stream(stream_id)
    assert [event.data["n"] for event in stored] == list(range(1000))
    assert [event.position for event in stored] == list(result.positions)
    assert list(result.positions) == sorted(result.positions)


@pytest.mark.parametrize(
    "make",
    [
        lambda: NewEvent("", {}),
        lambda: NewEvent("noted", []),  # type: ignore[arg-type]
        lambda: NewEvent("noted", {}, occurred_precision="week"),
        lambda: NewEvent("noted", {}, occurred_at=datetime(2025, 1, 1)),
        lambda: NewEvent("noted", {}, schema_version=0),
    ],
)
def test_an_invalid_event_is_refused_before_the_database(make: object) -> None:
    """NewEvent refuses what the table would refuse, with a clearer message."""
    with pytest.raises(InvalidAppend):
        make()  # type: ignore[operator]


def test_an_invalid_request_is_refused(store: EventStore) -> None:
    """No events, a repeated event id, or a bad expected version are refused."""
    stream_id = uuid.uuid4()
    with pytest.raises(InvalidAppend):
        store.append(stream_id, "story", [], expected_version=NO_STREAM)
    event = NewEvent("noted", {})
    with pytest.raises(InvalidAppend):
        store.append(stream_id, "story", [event, event], expected_version=NO_STREAM)
    with pytest.raises(InvalidAppend):
        store.append(stream_id, "story", events(1), expected_version=-1)
    assert store.stream_version(stream_id) == 0


def test_more_events_than_a_transaction_can_number_are_refused(store: EventStore) -> None:
    """One append of more than 65,536 events raises TooManyEvents and stores nothing."""
    stream_id = uuid.uuid4()
    with pytest.raises(TooManyEvents):
        store.append(stream_id, "story", events(65_537), expected_version=NO_STREAM)
    assert store.stream_version(stream_id) == 0


@pytest.mark.slow
def test_the_limit_counts_earlier_appends_of_the_same_transaction(
    store: EventStore, engine: Engine
) -> None:
    """Appends sharing one transaction share its 65,536 positions; the excess one is refused."""
    with engine.connect() as connection, connection.begin() as transaction:
        store.append(
            uuid.uuid4(), "story", events(65_535), expected_version=0, connection=connection
        )
        store.append(uuid.uuid4(), "story", events(1), expected_version=0, connection=connection)
        with pytest.raises(TooManyEvents):
            store.append(
                uuid.uuid4(), "story", events(1), expected_version=0, connection=connection
            )
        transaction.rollback()
