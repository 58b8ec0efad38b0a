"""Waking readers: LISTEN/NOTIFY after commit, with polling as the fallback."""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine

from tests.eventstore.conftest import events, settled
from tracker.eventstore import NO_STREAM, EventStore

# The test database (not the development one); the events table is never emptied.
pytestmark = pytest.mark.django_db


def test_wait_for_events_answers_true_once_events_are_readable(store: EventStore) -> None:
    """Events beyond `after` make wait_for_events return True (at once, if already readable)."""
    start = settled(store)
    store.append(uuid.uuid4(), "story", events(1), expected_version=NO_STREAM)
    assert store.wait_for_events(start, timeout=30)
    began = time.monotonic()
    assert store.wait_for_events(start, timeout=30)
    assert time.monotonic() - began < 1


def test_wait_for_events_gives_up_after_its_timeout(store: EventStore) -> None:
    """With nothing new, wait_for_events returns False once the timeout has passed."""
    last = settled(store)
    began = time.monotonic()
    assert not store.wait_for_events(last, timeout=0.3)
    assert 0.25 < time.monotonic() - began < 2


def test_an_append_wakes_a_waiting_reader_long_before_polling_would(engine: Engine) -> None:
    """A reader waiting with a 30 s polling interval is woken by a notification."""
    store = EventStore(engine, poll_interval=30)
    last = settled(store)
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(store.wait_for_events, last, 20)
        time.sleep(0.3)  # let the waiter LISTEN
        appended = time.monotonic()
        store.append(uuid.uuid4(), "story", events(1), expected_version=NO_STREAM)
        assert waiting.result(timeout=20)
        assert time.monotonic() - appended < 5  # usually milliseconds; polling would take 30 s


def test_a_composed_append_wakes_readers_through_notify(engine: Engine) -> None:
    """After committing a caller's transaction, notify() wakes a waiting reader."""
    store = EventStore(engine, poll_interval=30)
    last = settled(store)
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(store.wait_for_events, last, 20)
        time.sleep(0.3)
        with engine.connect() as connection, connection.begin():
            store.append(
                uuid.uuid4(), "story", events(1), expected_version=0, connection=connection
            )
        committed = time.monotonic()
        store.notify()
        assert waiting.result(timeout=20)
        assert time.monotonic() - committed < 5


def test_follow_yields_new_events_in_order_until_stopped(store: EventStore) -> None:
    """follow() yields events as they are appended, and ends once `stop` is set."""
    start = settled(store)
    stream_id, stop = uuid.uuid4(), threading.Event()
    seen: list[int] = []

    def follow() -> None:
        for event in store.follow(start, stop=stop, batch=2):
            if event.stream_id == stream_id:
                seen.append(event.version)
                if event.version == 5:
                    stop.set()

    with ThreadPoolExecutor(1) as pool:
        following = pool.submit(follow)
        store.append(stream_id, "story", events(3), expected_version=NO_STREAM)
        time.sleep(0.2)
        store.append(stream_id, "story", events(2), expected_version=3)
        following.result(timeout=10)
    assert seen == [1, 2, 3, 4, 5]


def test_a_reader_held_back_by_an_older_transaction_checks_again_soon(engine: Engine) -> None:
    """Notified of a commit it cannot read yet, a waiter re-checks soon, not a poll later.

    Transaction A (older, never notifying) holds the horizon while B commits and notifies;
    once A commits, the waiter sees both well before its 30 s polling interval.
    """
    store = EventStore(engine, poll_interval=30)
    last = settled(store)
    with ThreadPoolExecutor(1) as pool, engine.connect() as connection:
        with connection.begin():
            store.append(
                uuid.uuid4(), "story", events(1), expected_version=0, connection=connection
            )
            waiting = pool.submit(store.wait_for_events, last, 20)
            time.sleep(0.3)
            store.append(uuid.uuid4(), "story", events(1), expected_version=NO_STREAM)
            time.sleep(0.5)
            assert not waiting.done()  # notified, but held back by A
        committed = time.monotonic()
        assert waiting.result(timeout=20)
        assert time.monotonic() - committed < 5
