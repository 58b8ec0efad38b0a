"""Wake global readers after appends: NOTIFY after commit, coalesced; LISTEN with a timeout.

A NOTIFY inside the writing transaction would take PostgreSQL's database-wide
notify lock until that transaction's commit is flushed, serialising all writers.
So writers never notify themselves: after their commit they poke this process's
Notifier, a daemon thread with its own autocommit connection, which sends one
`pg_notify` per poke and then pauses `min_interval` (25 ms), so a busy writer
costs 40 notifications a second, not one per append: the first append after a
quiet spell wakes readers at once, later ones within 25 ms. Every poke is
followed by a notification sent after it (none is lost while the database
answers); readers also poll, so a lost notification only delays them.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from types import TracebackType

import psycopg

from tracker.eventstore.connections import Raw

CHANNEL = "tracker_events"
NOTIFY = f"SELECT pg_notify('{CHANNEL}', '')"

logger = logging.getLogger(__name__)


class Notifier:
    """Send NOTIFY from a background thread when poked, at most once per `min_interval`."""

    def __init__(self, connect: Callable[[], Raw], min_interval: float = 0.025) -> None:
        self._connect = connect
        self._min_interval = min_interval
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._closed = threading.Event()
        self._pid: int | None = None

    def poke(self) -> None:
        """Ask for a notification soon; cheap enough to call after every commit."""
        if self._pid != os.getpid():  # first use, or a forked child: start our own thread
            self._start()
        self._wake.set()

    def close(self) -> None:
        """Stop the thread and close its connection (it restarts on the next poke)."""
        with self._lock:
            self._closed.set()
            self._wake.set()
            self._pid = None

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._wake, self._closed = threading.Event(), threading.Event()
            thread = threading.Thread(
                target=self._run,
                args=(self._wake, self._closed),
                name="eventstore-notifier",
                daemon=True,
            )
            thread.start()
            self._pid = os.getpid()

    def _run(self, wake: threading.Event, closed: threading.Event) -> None:
        connection: Raw | None = None
        while True:
            wake.wait()
            wake.clear()
            if closed.is_set():
                break
            try:
                if connection is None or connection.closed:
                    connection = self._connect()
                    # A NOTIFY transaction writes a commit record; flushing it would cost a
                    # disk sync per notification. Notifications are not durable anyway, and the
                    # appends they announce were flushed before the poke.
                    connection.execute("SET synchronous_commit = off")
                connection.execute(NOTIFY)
            except psycopg.Error as error:  # readers fall back to polling meanwhile
                logger.warning("event store notification failed: %s", error)
                if connection is not None:
                    connection.close()
                connection = None
            closed.wait(self._min_interval)
        if connection is not None:
            connection.close()


class Listener:
    """LISTEN on the store's channel for the life of a `with` block (UNLISTEN after)."""

    def __init__(self, connection: Raw) -> None:
        self.connection = connection

    def wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for a notification; return whether one came."""
        received = False
        for _ in self.connection.notifies(timeout=max(timeout, 0.0), stop_after=1):
            received = True  # drain every queued notification: one re-check covers them all
        return received

    def __enter__(self) -> Listener:
        self.connection.execute(f"LISTEN {CHANNEL}")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self.connection.closed and not self.connection.broken:
            self.connection.execute("UNLISTEN *")  # an idle connection must not hoard them
