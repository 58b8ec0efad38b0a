"""Keep a projector worker going through database outages: back off, reconnect, resume.

The worker leads while it holds the leader lock (a session advisory lock); when the
connection is lost the lock goes with it, so after an outage the worker competes for it
again and resumes from the checkpoint, which moved only with committed batches. An outage
is logged once when it starts and once when it ends, not once per attempt.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable

from django.db import connection

from tracker.eventstore import EventStore
from tracker.projections import failures
from tracker.projections.heartbeat import Heart

log = logging.getLogger(__name__)

FIRST_DELAY = 0.5  # seconds before the first retry; doubled on each failure up to the cap
MAX_DELAY = 30.0


class Outage:
    """The current run of failures: when it began, how many attempts, the next delay."""

    def __init__(self, first: float = FIRST_DELAY, cap: float = MAX_DELAY) -> None:
        self.first, self.cap = first, cap
        self.since: float | None = None
        self.attempts = 0
        self.delay = first

    def failed(self, error: BaseException) -> float:
        """Count a failure (logging the first of an outage); return how long to wait."""
        if self.since is None:
            self.since = time.monotonic()
            log.warning(
                "projector: cannot apply events (%s); retrying with backoff up to %.0f s",
                failures.error_text(error),
                self.cap,
            )
        else:
            self.delay = min(self.delay * 2, self.cap)
        self.attempts += 1
        return self.delay

    def recovered(self) -> None:
        """End the outage, if there was one, logging how long it lasted."""
        if self.since is None:
            return
        log.warning(
            "projector: recovered after %d failed attempt(s) over %.1f s",
            self.attempts,
            time.monotonic() - self.since,
        )
        self.since, self.attempts, self.delay = None, 0, self.first


def supervise(
    work: Callable[[Outage], None],
    *,
    stop: threading.Event,
    first_delay: float = FIRST_DELAY,
    max_delay: float = MAX_DELAY,
) -> None:
    """Run `work` again and again until `stop`, backing off (capped) after each failure."""
    outage = Outage(first_delay, max_delay)
    while not stop.is_set():
        try:
            work(outage)
        except Exception as error:  # any failure: the next attempt starts afresh
            delay = outage.failed(error)
            reset_connection()
            stop.wait(delay)


def reset_connection() -> None:
    """Drop this thread's database connection, so that the next query opens a new one."""
    with contextlib.suppress(Exception):
        connection.close()


def lead_once(
    store: EventStore,
    outage: Outage,
    *,
    stop: threading.Event,
    projection: str,
    apply_batch: Callable[[], int | None],
    position: Callable[[], int],
    try_lock: Callable[[], bool],
    release_lock: Callable[[], None],
    on_batch: Callable[[int], object] | None,
    on_lead: Callable[[int], object] | None,
    idle_wait: float,
    on_idle: Callable[[], int] | None = None,
) -> None:
    """Wait a moment as a standby, or lead until `stop`: apply batches, beat, wait for events.

    With nothing to apply, `on_idle` runs first; it returns how much it did (0: wait).
    """
    if not try_lock():
        outage.recovered()
        stop.wait(0.5)
        return
    try:
        heart = Heart(projection)
        heart.lead()
        outage.recovered()
        log.info("projector: leading %s from position %s", projection, position())
        if on_lead:
            on_lead(position())
        while not stop.is_set():
            applied = apply_batch()
            if applied and on_batch:
                on_batch(applied)
            heart.beat()
            if not applied and not (on_idle and on_idle()):
                store.wait_for_events(after=position(), timeout=idle_wait)
    finally:
        with contextlib.suppress(Exception):  # a lost connection has released it already
            release_lock()
