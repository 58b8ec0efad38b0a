"""Fixtures for the event store's tests: a store on the test database, and event helpers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

from tracker.eventstore import EventStore, NewEvent


@pytest.fixture
def store(engine: Engine) -> EventStore:
    """Return an event store on the test database."""
    return EventStore(engine)


@pytest.fixture
def scratch(engine: Engine) -> Iterator[Engine]:
    """Yield an engine on a new, empty database of the test server; drop it afterwards."""
    name = f"scratch_{uuid.uuid4().hex[:12]}"
    admin = engine.execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    scratch = create_engine(engine.url.set(database=name))
    try:
        yield scratch
    finally:
        scratch.dispose()
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))


def events(count: int, event_type: str = "noted", **data: Any) -> list[NewEvent]:
    """Return `count` new events numbered in their data."""
    return [NewEvent(event_type, {"n": n, **data}) for n in range(count)]


def stored_ids(engine: Engine, event_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Return which of these event ids the events table holds."""
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT event_id FROM events WHERE event_id = ANY(:ids)"), {"ids": event_ids}
        )
        return {row[0] for row in rows}


def wait_readable(store: EventStore, position: int) -> None:
    """Wait until a global reader can read `position`.

    The horizon is cluster-wide: a transaction of another database on the same server (say,
    another test run) may hold it back for a moment after our own commits.
    """
    assert store.wait_for_events(position - 1, timeout=30), f"position {position} not readable"


def settled(store: EventStore) -> int:
    """Return the highest stored position, once global readers can read it (0 when none)."""
    with store.engine.connect() as connection:
        top = connection.execute(text("SELECT coalesce(max(position), 0) FROM events")).scalar_one()
    if top:
        wait_readable(store, top)
    return int(top)
