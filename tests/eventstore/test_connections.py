"""The store's own connections: reused, and replaced when the server dropped them."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine, text

from tests.eventstore.conftest import events
from tracker.eventstore import NO_STREAM, EventStore
from tracker.eventstore.connections import APPLICATION_NAME

# The test database (not the development one); the events table is never emptied.
pytestmark = pytest.mark.django_db


def test_the_store_recovers_when_its_idle_connections_were_terminated(
    store: EventStore, engine: Engine
) -> None:
    """After the server ends the store's sessions, the next calls reconnect and succeed."""
    stream_id = uuid.uuid4()
    store.append(stream_id, "story", events(1), expected_version=NO_STREAM)
    with engine.connect() as connection:
        connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND application_name = :name"
            ),
            {"name": APPLICATION_NAME},
        )
    assert store.append(stream_id, "story", events(1), expected_version=1).last_version == 2
    assert [event.version for event in store.read_stream(stream_id)] == [1, 2]
