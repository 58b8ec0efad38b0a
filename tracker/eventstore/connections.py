"""The store's psycopg connections: its own autocommit ones, and those under a caller's.

The store's own calls (no `connection=` given) run on dedicated autocommit
psycopg connections opened with the engine's URL and connect arguments, kept
per process and reused last-in-first-out. Borrowing one costs about a
microsecond, where a checkout from the engine's pool (with its reset on return,
and a ping when `pool_pre_ping` is on) costs a sizeable share of a one-event
append. Autocommit makes a one-statement append its own transaction.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
from psycopg.pq import TransactionStatus
from sqlalchemy import Connection, Engine

from tracker.eventstore.errors import EventStoreError

Raw = psycopg.Connection[Any]
T = TypeVar("T")
APPLICATION_NAME = "tracker-eventstore"  # how the store's own sessions show in pg_stat_activity


class Connections:
    """Autocommit connections to one database, reused across calls.

    At most `max_open` are in use at once (a caller waits up to `timeout` seconds for one,
    as with a pool), and at most `max_idle` are kept open between calls.
    """

    def __init__(
        self,
        connect: Callable[[], Raw],
        *,
        max_open: int = 16,
        max_idle: int = 8,
        timeout: float = 30.0,
    ) -> None:
        self._connect = connect
        self._max_open, self._max_idle, self._timeout = max_open, max_idle, timeout
        self._lock = threading.Lock()
        self._idle: list[Raw] = []
        self._forked()

    def run(self, work: Callable[[Raw], T]) -> T:
        """Return work(connection); retried once on a fresh connection if a kept one had died.

        Retrying is safe for the store's work: reads are idempotent, and an append that
        did commit before its connection died is recognised by its event ids.
        """
        if self._pid != os.getpid():
            self._forked()
        slots = self._slots
        if not slots.acquire(timeout=self._timeout):
            raise EventStoreError(f"no event store connection free within {self._timeout} s")
        try:
            while True:
                connection, kept = self._take()
                try:
                    result = work(connection)
                except psycopg.OperationalError:
                    self._give(connection)
                    if kept and connection.broken:
                        continue
                    raise
                except BaseException:
                    self._give(connection)
                    raise
                self._give(connection)
                return result
        finally:
            slots.release()

    def close(self) -> None:
        """Close every idle connection (those in use come back to the pool as usual)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()

    def _forked(self) -> None:
        """Start afresh in this process: a forked child must not use its parent's sockets."""
        with self._lock:
            # Held, never used: freeing the parent's connections here would end its sessions.
            self._inherited = getattr(self, "_idle", [])
            self._idle = []
            self._slots = threading.BoundedSemaphore(self._max_open)
            self._pid = os.getpid()

    def _take(self) -> tuple[Raw, bool]:
        with self._lock:
            if self._idle:
                return self._idle.pop(), True
        return self._connect(), False

    def _give(self, connection: Raw) -> None:
        healthy = not connection.closed and not connection.broken
        if healthy and connection.info.transaction_status == TransactionStatus.IDLE:
            with self._lock:
                if len(self._idle) < self._max_idle:
                    self._idle.append(connection)
                    return
        connection.close()


@contextmanager
def savepoint(connection: Connection) -> Iterator[Raw]:
    """Yield the psycopg connection under `connection`, inside a savepoint of its transaction."""
    with begun(connection).begin_nested():
        yield connection.connection.driver_connection  # type: ignore[misc]


def begun(connection: Connection) -> Connection:
    """Return `connection`, beginning its transaction if it has none, as SQLAlchemy's autobegin."""
    if not connection.in_transaction():
        connection.begin()
    return connection


def driver(connection: Connection) -> Raw:
    """Return the psycopg connection under `connection`, inside its (begun) transaction."""
    return begun(connection).connection.driver_connection  # type: ignore[return-value]


def connect(engine: Engine) -> Raw:
    """Open a dedicated autocommit psycopg connection to the engine's database (not pooled)."""
    cargs, cparams = engine.dialect.create_connect_args(engine.url)
    cparams.setdefault("application_name", APPLICATION_NAME)
    # Every read of the store walks an index in order for LIMIT rows. Without statistics (a
    # table just filled, before autoanalyze) the planner would rather fetch the whole range
    # and sort it, on every batch of a replay: these connections never sort instead.
    cparams["options"] = f"{cparams.get('options', '')} -c enable_sort=off".strip()
    return psycopg.connect(*cargs, autocommit=True, **cparams)
