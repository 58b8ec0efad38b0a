"""The store's own connections: bounded, reused, and replaced when the server dropped them."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, text

from tests.eventstore.conftest import events
from tracker.eventstore import NO_STREAM, EventStore, EventStoreError
from tracker.eventstore.connections import APPLICATION_NAME, Connections, Raw, connect

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


def test_callers_wait_for_a_free_connection_and_then_give_up(engine: Engine) -> None:
    """With every connection in use, a caller waits its timeout, then gets EventStoreError."""
    connections = Connections(lambda: connect(engine), max_open=1, timeout=0.2)
    inside, release = threading.Event(), threading.Event()

    def hold(raw: Raw) -> int:
        inside.set()
        release.wait(5)
        return 1

    with ThreadPoolExecutor(1) as pool:
        holding = pool.submit(connections.run, hold)
        assert inside.wait(5)
        with pytest.raises(EventStoreError):
            connections.run(lambda raw: 2)
        release.set()
        assert holding.result() == 1
    assert connections.run(lambda raw: raw.execute("SELECT 3").fetchone()) == (3,)
    connections.close()
