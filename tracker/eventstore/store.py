"""The event store: append to streams, read them back, and follow the global order."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from sqlalchemy import Connection, Engine

from tracker.eventstore import following, reading
from tracker.eventstore.alignment import aligned
from tracker.eventstore.appending import append_request
from tracker.eventstore.connections import Connections, Raw, connect, driver
from tracker.eventstore.idempotency import keyed_results
from tracker.eventstore.model import (
    AppendResult,
    ExpectedVersion,
    NewEvent,
    StoredEvent,
    StreamAppend,
)
from tracker.eventstore.notify import Notifier
from tracker.eventstore.request import build_request


@dataclass(frozen=True)
class _Database:
    """What the stores of one process share for one database: connections and a notifier."""

    connections: Connections
    listeners: Connections  # for wait_for_events: LISTEN while borrowed, UNLISTEN after
    notifier: Notifier


T = TypeVar("T")
_databases: dict[str, _Database] = {}
_databases_lock = threading.Lock()


def _database(engine: Engine) -> _Database:
    key = engine.url.render_as_string(hide_password=False)
    with _databases_lock:
        if key not in _databases:
            _databases[key] = _Database(
                Connections(lambda: aligned(connect(engine))),
                Connections(lambda: connect(engine), max_open=32, max_idle=2),
                Notifier(lambda: connect(engine)),
            )
        return _databases[key]


def close_all() -> None:
    """Close the idle connections and stop the notifiers of every store in this process."""
    with _databases_lock:
        for database in _databases.values():
            database.notifier.close()
            database.connections.close()
            database.listeners.close()


class EventStore:
    """Append events to streams and read them back, per stream or in global position order.

    Every method takes an optional `connection`: a SQLAlchemy Connection whose transaction
    the call joins (an append then takes a savepoint, so a refused append leaves the
    caller's transaction usable; call `notify()` after committing it). Without one, each
    call is its own short transaction on the store's own autocommit connections.
    """

    def __init__(self, engine: Engine, *, poll_interval: float = 0.5) -> None:
        self.engine = engine
        self.poll_interval = poll_interval
        self._database = _database(engine)

    def append(
        self,
        stream_id: UUID,
        stream_type: str,
        events: Sequence[NewEvent],
        *,
        expected_version: int | ExpectedVersion,
        idempotency_key: str | None = None,
        connection: Connection | None = None,
    ) -> AppendResult:
        """Append events to one stream if it is at `expected_version`; return where they went."""
        append = StreamAppend(stream_id, stream_type, events, expected_version)
        return self.append_many([append], idempotency_key=idempotency_key, connection=connection)[0]

    def append_many(
        self,
        appends: Sequence[StreamAppend],
        *,
        idempotency_key: str | None = None,
        request_hash: str | None = None,
        connection: Connection | None = None,
    ) -> list[AppendResult]:
        """Append to several streams atomically: every stream's events are stored, or none.

        With an idempotency key, `request_hash` (default: a hash of the events) is what a
        retry under the same key must match to get the first results back.
        """
        request = build_request(appends, idempotency_key, request_hash)
        results = append_request(self._database.connections, request, connection)
        if not results[0].duplicate:
            self._database.notifier.poke()
        return results

    def idempotent_results(self, key: str, request_hash: str) -> list[AppendResult] | None:
        """Return the results appended under `key`, or None; IdempotencyMismatch if it differs."""
        return self._database.connections.run(lambda raw: keyed_results(raw, key, request_hash))

    def notify(self) -> None:
        """Wake global readers now (after committing a transaction that appended events)."""
        self._database.notifier.poke()

    def read_stream(
        self,
        stream_id: UUID,
        *,
        from_version: int = 1,
        to_version: int | None = None,
        limit: int | None = None,
        connection: Connection | None = None,
    ) -> list[StoredEvent]:
        """Return a stream's events from `from_version` to `to_version` (inclusive), in order."""

        def work(raw: Raw) -> list[StoredEvent]:
            return reading.read_stream(raw, stream_id, from_version, to_version, limit)

        return self._run(work, connection)

    def read_all(
        self,
        *,
        after: int = 0,
        limit: int = 1000,
        event_types: Sequence[str] | None = None,
        stream_types: Sequence[str] | None = None,
        partition: tuple[int, int] | None = None,
        connection: Connection | None = None,
    ) -> list[StoredEvent]:
        """Return up to `limit` events after position `after`, in global order, never skipping.

        `partition=(index, count)` keeps the streams of one of `count` (at most 256) disjoint
        partitions, so that `count` readers can share the streams between them.
        """
        if partition is not None and not 0 <= partition[0] < partition[1] <= 256:
            raise ValueError(
                f"partition {partition} is not (index, count) with 0 <= index < count <= 256"
            )

        def work(raw: Raw) -> list[StoredEvent]:
            return reading.read_all(raw, after, limit, event_types, stream_types, partition)

        return self._run(work, connection)

    def last_position(self, *, connection: Connection | None = None) -> int:
        """Return the highest position a global reader can read now (0 when there is none)."""

        def work(raw: Raw) -> int:
            return int(reading.scalar(raw, reading.LAST_POSITION, ()))

        return self._run(work, connection)

    def waiting(self, after: int, *, limit: int) -> tuple[int, datetime | None]:
        """Return how many readable events follow `after` (up to `limit`) and the oldest's time.

        The time is None when none waits; the events themselves are not read.
        """

        def work(raw: Raw) -> tuple[int, datetime | None]:
            with raw.cursor() as cursor:
                cursor.execute(reading.WAITING, (after, limit), prepare=True)
                count, oldest = cursor.fetchone() or (0, None)
            return int(count), oldest

        return self._run(work, None)

    def stream_version(self, stream_id: UUID, *, connection: Connection | None = None) -> int:
        """Return the stream's current version (0 when it does not exist)."""

        def work(raw: Raw) -> int:
            return int(reading.scalar(raw, reading.STREAM_VERSION, (stream_id,)))

        return self._run(work, connection)

    def wait_for_events(self, after: int, timeout: float) -> bool:
        """Wait until events after position `after` are readable; False after `timeout` seconds."""
        return self._database.listeners.run(
            lambda raw: following.wait_for_events(raw, after, timeout, self.poll_interval)
        )

    def follow(
        self, after: int = 0, *, stop: threading.Event | None = None, batch: int = 1000
    ) -> Iterator[StoredEvent]:
        """Yield every event after position `after`, in order, forever (or until `stop` is set)."""
        connection = connect(self.engine)  # on the first next(): an unused follow opens nothing
        try:
            yield from following.follow(connection, after, stop, batch, self.poll_interval)
        finally:
            connection.close()

    def _run(self, work: Callable[[Raw], T], connection: Connection | None) -> T:
        """Run `work` in the caller's transaction, or on one of the store's connections."""
        if connection is not None:
            return work(driver(connection))
        return self._database.connections.run(work)

    def close(self) -> None:
        """Close idle connections and stop the notifier (shared per database; they reopen)."""
        self._database.notifier.close()
        self._database.connections.close()
        self._database.listeners.close()
