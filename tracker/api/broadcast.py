"""One thread per process reads new events once and fans them out to every SSE client."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from tracker.eventstore import StoredEvent

logger = logging.getLogger(__name__)

BATCH = 500
WAIT_SECONDS = 5.0
QUEUE_LIMIT = 1000  # batches a slow client may lag behind before it re-reads from the store


@dataclass(frozen=True, slots=True)
class Message:
    """One event, rendered once as an SSE frame for every client."""

    position: int
    event_type: str
    stream_type: str
    frame: str


Render = Callable[[StoredEvent], Message]
Batch = Sequence[Message]


class Store(Protocol):
    """What the broadcaster needs of the event store."""

    def read_all(self, *, after: int = 0, limit: int = 1000) -> list[StoredEvent]: ...
    def wait_for_events(self, after: int, timeout: float) -> bool: ...
    def last_position(self) -> int: ...


class Subscriber:
    """One client's queue of batches; None in the queue means it lagged and must catch up."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.queue: asyncio.Queue[Batch | None] = asyncio.Queue()

    def offer(self, batch: Batch) -> None:
        """Hand a batch to the client's event loop (called from the broadcaster thread)."""
        with contextlib.suppress(RuntimeError):  # a closed loop: that client unsubscribes itself
            self.loop.call_soon_threadsafe(self._put, batch)

    def _put(self, batch: Batch) -> None:
        if self.queue.qsize() >= QUEUE_LIMIT:
            while not self.queue.empty():
                self.queue.get_nowait()
            self.queue.put_nowait(None)
        elif batch:
            self.queue.put_nowait(batch)


class Broadcaster:
    """Reads the global stream in one thread and offers each new batch to all subscribers."""

    def __init__(self, store: Callable[[], Store], render: Render) -> None:
        self._store_factory = store
        self._render = render
        self._lock = threading.Lock()
        self._subscribers: set[Subscriber] = set()
        self._head = 0
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stop = threading.Event()

    @property
    def subscriber_count(self) -> int:
        """Return how many clients listen now."""
        with self._lock:
            return len(self._subscribers)

    def subscribe(self, loop: asyncio.AbstractEventLoop) -> tuple[Subscriber, int]:
        """Register a client; return it and the head: later events come through its queue."""
        self._ensure_running()
        with self._lock:
            subscriber = Subscriber(loop)
            self._subscribers.add(subscriber)
            return subscriber, self._head

    def unsubscribe(self, subscriber: Subscriber) -> None:
        """Forget a client that went away."""
        with self._lock:
            self._subscribers.discard(subscriber)

    def stop(self) -> None:
        """Stop the thread (tests); the next subscribe starts a new one."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=WAIT_SECONDS + 5)
        self._thread = None
        self._stop.clear()
        self._ready.clear()

    def _ensure_running(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._ready.clear()
                self._thread = threading.Thread(target=self._run, name="sse-broadcast", daemon=True)
                self._thread.start()
        if not self._ready.wait(timeout=30):
            raise RuntimeError("the event broadcaster did not start")

    def _run(self) -> None:
        store = self._store_factory()
        head = self._start(store)
        while not self._stop.is_set():
            try:
                store.wait_for_events(head, WAIT_SECONDS)
                head = self._fan_out(store, head)
            except Exception:  # the database went away: log, wait, retry
                logger.exception("event broadcaster failed; retrying")
                self._stop.wait(1.0)

    def _start(self, store: Store) -> int:
        while not self._stop.is_set():
            try:
                head = store.last_position()  # all below it is final: nothing can join later
                break
            except Exception:
                logger.exception("event broadcaster cannot read the head; retrying")
                self._stop.wait(1.0)
        else:
            return 0
        with self._lock:
            self._head = head
        self._ready.set()
        return head

    def _fan_out(self, store: Store, head: int) -> int:
        while not self._stop.is_set():
            events = store.read_all(after=head, limit=BATCH)
            if not events:
                break
            batch = [self._render(event) for event in events]
            with self._lock:
                head = self._head = events[-1].position
                for subscriber in self._subscribers:
                    subscriber.offer(batch)
        return head
