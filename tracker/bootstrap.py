"""Wire the event store to the database Django uses, so both always share one."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import Any

from sqlalchemy import URL, Engine, create_engine

from tracker.eventstore import EventStore


def sqlalchemy_url(settings_dict: dict[str, Any]) -> URL:
    """Return the SQLAlchemy URL of a Django database entry."""
    host = settings_dict.get("HOST") or None
    query = {k: v for k, v in (settings_dict.get("OPTIONS") or {}).items() if k != "pool"}
    if host and host.startswith("/"):
        query["host"] = host
        host = None
    return URL.create(
        "postgresql+psycopg",
        username=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        host=host,
        port=int(settings_dict["PORT"]) if settings_dict.get("PORT") else None,
        database=settings_dict.get("NAME"),
        query=query,
    )


def current_url() -> URL:
    """Return the SQLAlchemy URL of Django's default database (the test database in tests)."""
    from django.db import connections

    return sqlalchemy_url(connections["default"].settings_dict)


@functools.cache
def _engine(url: URL) -> Engine:
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def engine() -> Engine:
    """Return the shared SQLAlchemy engine on Django's default database."""
    return _engine(current_url())


def event_store() -> EventStore:
    """Return the event store on Django's default database."""
    return _event_store(current_url())


@functools.cache
def _event_store(url: URL) -> EventStore:
    """Return the process's store on `url` (each of its connections checks the position clock)."""
    return EventStore(_engine(url))


@contextlib.contextmanager
def advisory_lock(key: int) -> Iterator[None]:
    """Hold a session advisory lock on a connection of its own (waiting for it if taken)."""
    with engine().connect() as held:
        held = held.execution_options(isolation_level="AUTOCOMMIT")
        held.exec_driver_sql("SELECT pg_advisory_lock(%s)", (key,))
        try:
            yield
        finally:
            held.exec_driver_sql("SELECT pg_advisory_unlock(%s)", (key,))
