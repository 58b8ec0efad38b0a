"""Appending inside a caller's transaction: it commits or rolls back with the caller."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine, text

from tests.eventstore.conftest import events, stored_ids
from tracker.eventstore import NO_STREAM, EventStore, VersionConflict

# The test database (not the development one); the events table is never emptied.
pytestmark = pytest.mark.django_db


def test_an_append_commits_with_the_callers_transaction(store: EventStore, engine: Engine) -> None:
    """Events appended on a caller's connection appear when, and only when, it commits."""
    stream_id = uuid.uuid4()
    with engine.connect() as connection:
        with connection.begin():
            store.append(stream_id, "story", events(2), expected_version=0, connection=connection)
            assert store.stream_version(stream_id, connection=connection) == 2
            assert store.stream_version(stream_id) == 0  # not yet visible to others
        assert store.stream_version(stream_id) == 2


def test_an_append_rolls_back_with_the_callers_transaction(
    store: EventStore, engine: Engine
) -> None:
    """A rolled-back caller's transaction takes its appended events with it."""
    stream_id = uuid.uuid4()
    new = events(1)
    with engine.connect() as connection, connection.begin() as transaction:
        store.append(stream_id, "story", new, expected_version=0, connection=connection)
        transaction.rollback()
    assert store.stream_version(stream_id) == 0
    assert stored_ids(engine, [new[0].event_id]) == set()


def test_a_refused_append_leaves_the_callers_transaction_usable(
    store: EventStore, engine: Engine
) -> None:
    """A conflict rolls back to the append's savepoint only: the caller's work survives."""
    stream_id, other = uuid.uuid4(), uuid.uuid4()
    store.append(stream_id, "story", events(1), expected_version=NO_STREAM)
    with engine.connect() as connection:
        with connection.begin():
            store.append(other, "story", events(1), expected_version=0, connection=connection)
            with pytest.raises(VersionConflict):
                store.append(
                    stream_id, "story", events(1), expected_version=0, connection=connection
                )
            assert connection.execute(text("SELECT 1")).scalar() == 1
        assert store.stream_version(other) == 1


def test_appends_in_one_transaction_number_their_positions_in_order(
    store: EventStore, engine: Engine
) -> None:
    """Two appends in one transaction share its xid block, the second after the first."""
    with engine.connect() as connection, connection.begin():
        xid = connection.execute(text("SELECT pg_current_xact_id()::text::bigint")).scalar_one()
        first = store.append(
            uuid.uuid4(), "story", events(2), expected_version=0, connection=connection
        )
        second = store.append(
            uuid.uuid4(), "story", events(1), expected_version=0, connection=connection
        )
    positions = first.positions + second.positions
    assert positions == tuple(range((xid << 16), (xid << 16) + 3))


def test_a_connection_without_a_transaction_gets_one(store: EventStore, engine: Engine) -> None:
    """Like SQLAlchemy's autobegin, an append begins the transaction the caller commits."""
    stream_id = uuid.uuid4()
    with engine.connect() as connection:
        store.append(stream_id, "story", events(1), expected_version=0, connection=connection)
        connection.commit()
    assert store.stream_version(stream_id) == 1
