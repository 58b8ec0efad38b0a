"""Immutability: the database itself refuses UPDATE, DELETE and TRUNCATE on events."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from tests.eventstore.conftest import events
from tracker.eventstore import NO_STREAM, EventStore

# The test database (not the development one); the events table is never emptied.
pytestmark = pytest.mark.django_db

STATEMENTS = {
    "UPDATE": "UPDATE events SET data = '{}' WHERE stream_id = :stream_id",
    "DELETE": "DELETE FROM events WHERE stream_id = :stream_id",
    "TRUNCATE": "TRUNCATE events",
}


@pytest.mark.parametrize("operation", STATEMENTS)
@pytest.mark.parametrize("replica", [False, True])
def test_raw_sql_cannot_change_or_remove_events(
    store: EventStore, engine: Engine, operation: str, replica: bool
) -> None:
    """UPDATE, DELETE and TRUNCATE fail with a clear message, even in replica mode."""
    stream_id = uuid.uuid4()
    store.append(stream_id, "story", events(2), expected_version=NO_STREAM)
    with engine.connect() as connection, connection.begin() as transaction:
        if replica:  # superusers can switch ordinary triggers off this way; ours stay on
            if not connection.execute(
                text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            ).scalar():
                pytest.skip("needs a superuser to set session_replication_role")
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        with pytest.raises(DBAPIError, match=f"events are immutable: {operation}"):
            connection.execute(text(STATEMENTS[operation]), {"stream_id": stream_id})
        transaction.rollback()
    assert [event.data for event in store.read_stream(stream_id)] == [{"n": 0}, {"n": 1}]
