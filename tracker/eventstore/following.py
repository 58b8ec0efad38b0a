"""Wait for new events and follow the global order: LISTEN, re-check, and poll as a fallback.

A notification means events were committed, but not that a global reader can see
them yet: an older transaction may still hold the horizon back. So after a
notification that finds nothing readable the next check comes after 10 ms, then
20, 40... up to the polling interval, instead of sleeping a whole interval.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

from tracker.eventstore import reading
from tracker.eventstore.connections import Raw
from tracker.eventstore.model import StoredEvent
from tracker.eventstore.notify import Listener

RETRY_AFTER_NOTIFY = 0.01


class _Backoff:
    """The delay before the next check: short after a notification, growing to the interval."""

    def __init__(self, poll_interval: float) -> None:
        self.poll_interval = poll_interval
        self.delay = poll_interval

    def waited(self, notified: bool) -> None:
        """Set the next delay after a wait that was (or was not) ended by a notification."""
        self.delay = RETRY_AFTER_NOTIFY if notified else min(self.delay * 2, self.poll_interval)


def wait_for_events(connection: Raw, after: int, timeout: float, poll_interval: float) -> bool:
    """Wait, LISTENing on `connection`, until events after `after` are readable, or time out."""
    deadline = time.monotonic() + timeout
    backoff = _Backoff(poll_interval)
    with Listener(connection) as listener:
        while True:  # LISTEN is active before each check, so no commit goes unnoticed
            if reading.readable_after(connection, after):
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            backoff.waited(listener.wait(min(backoff.delay, remaining)))


def follow(
    connection: Raw, after: int, stop: threading.Event | None, batch: int, poll_interval: float
) -> Iterator[StoredEvent]:
    """Yield every event after `after` in order, LISTENing on `connection`, until `stop`."""
    backoff = _Backoff(poll_interval)
    with Listener(connection) as listener:
        while stop is None or not stop.is_set():
            events = reading.read_all(connection, after, batch, None, None)
            if events:
                yield from events
                after = events[-1].position
                backoff.delay = poll_interval
            else:
                backoff.waited(listener.wait(backoff.delay))
