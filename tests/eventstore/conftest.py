"""Fixtures for the event store's tests: a store on the test database, and event helpers."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import Engine, text

from tracker.eventstore import EventStore, NewEvent


@pytest.fixture
def store(engine: Engine) -> EventStore:
    """Return an event store on the test database."""
    return EventStore(engine)


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
