"""Server-sent events: a client's backlog from the store, then the live fan-out, no gaps."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from django.conf import settings

from tracker.api.broadcast import BATCH, Broadcaster, Message
from tracker.api.rendering import TrackerJSONEncoder
from tracker.bootstrap import event_store as store
from tracker.eventstore import StoredEvent
from tracker.services.selectors import event_envelope

DEFAULT_HEARTBEAT_SECONDS = 15.0
RETRY_MILLISECONDS = 3000


def render(event: StoredEvent) -> Message:
    """Return the SSE frame of an event: id is its position, event its type, data its envelope."""
    data = json.dumps(event_envelope(event), cls=TrackerJSONEncoder, separators=(",", ":"))
    frame = f"id: {event.position}\nevent: {event.event_type}\ndata: {data}\n\n"
    return Message(event.position, event.event_type, event.stream_type, frame)


broadcaster = Broadcaster(store=store, render=render)


@dataclass(frozen=True)
class Filter:
    """Which events a client asked for (empty: all)."""

    types: frozenset[str] = frozenset()
    stream_types: frozenset[str] = frozenset()

    def wants(self, message: Message) -> bool:
        """Return whether the client asked for this event."""
        return (not self.types or message.event_type in self.types) and (
            not self.stream_types or message.stream_type in self.stream_types
        )


#: Each keep-alive comes after this share of the interval up to all of it, at random: thousands
#: of streams that received one event together would otherwise write theirs in one burst.
HEARTBEAT_SPREAD = 0.5


def heartbeat_seconds() -> float:
    """Return the keep-alive interval (setting TRACKER_SSE_HEARTBEAT_SECONDS, default 15)."""
    return float(getattr(settings, "TRACKER_SSE_HEARTBEAT_SECONDS", DEFAULT_HEARTBEAT_SECONDS))


def _backlog(
    after: int, head: int, wanted: Filter, limit: int = BATCH
) -> tuple[list[Message], int]:
    """Read one batch after `after` up to `head`; return the wanted frames and the new cursor."""
    found = store().read_all(
        after=after,
        limit=limit,
        event_types=sorted(wanted.types) or None,
        stream_types=sorted(wanted.stream_types) or None,
    )
    events = [event for event in found if event.position <= head]
    if not events:
        return [], head
    return [render(event) for event in events], events[-1].position


async def sse_frames(
    *,
    after: int | None,
    types: Sequence[str] = (),
    stream_types: Sequence[str] = (),
    rate: float | None = None,
) -> AsyncIterator[str]:
    """Yield SSE frames: every event after `after` (None: from now on), then live ones.

    With a `rate` (events per second), the backlog is read in small batches at that pace.
    """
    wanted = Filter(frozenset(types), frozenset(stream_types))
    page = BATCH if rate is None else min(BATCH, max(1, int(rate // 10)))
    heartbeat = heartbeat_seconds()
    loop = asyncio.get_running_loop()
    resume, greeted = after, False
    while True:  # one round per (re)subscription; a lagging client starts a new round
        subscriber, head = await asyncio.to_thread(broadcaster.subscribe, loop)
        try:
            if not greeted:  # only once subscribed: what commits after the first frame is sent
                yield f"retry: {RETRY_MILLISECONDS}\n\n"
                greeted = True
            cursor = head if resume is None else resume
            while cursor < head:  # the backlog, from the store, in batches
                messages, cursor = await asyncio.to_thread(_backlog, cursor, head, wanted, page)
                for message in messages:
                    yield message.frame
                if rate is not None:  # paced: a replay from 0 cannot take the process's time
                    await asyncio.sleep(page / rate)
            resume = cursor = max(cursor, head)
            while True:  # live: what the broadcaster read after `head`
                try:  # spread: streams that got a frame together keep alive apart
                    quiet = heartbeat * random.uniform(HEARTBEAT_SPREAD, 1.0)
                    batch = await asyncio.wait_for(subscriber.queue.get(), quiet)
                except TimeoutError:
                    yield ": keepalive\n\n"
                    continue
                if batch is None:
                    break  # this client lagged too far: catch up from the store again
                for message in batch:
                    if message.position > cursor and wanted.wants(message):
                        yield message.frame
                    resume = cursor = max(cursor, message.position)
        finally:
            broadcaster.unsubscribe(subscriber)


class Places:
    """How many event streams this process holds; a new one is refused beyond the limit."""

    def __init__(self) -> None:
        self.open = 0

    def take(self) -> Place | None:
        """Return a place for one more stream, or None when TRACKER_SSE_MAX_CLIENTS are open."""
        if self.open >= settings.TRACKER_SSE_MAX_CLIENTS:
            return None
        self.open += 1  # the event loop's thread only: no await between the check and this
        return Place(self)


class Place:
    """One stream's place, given back once, whichever way the stream ends."""

    def __init__(self, places: Places) -> None:
        self.places: Places | None = places

    def give_back(self) -> None:
        """Free the place (again is a no-op)."""
        if self.places is not None:
            self.places.open -= 1
            self.places = None


class HeldStream:
    """The frames of one stream, holding its place until the stream ends or is closed."""

    def __init__(self, frames: AsyncIterator[str], place: Place) -> None:
        self.frames, self.place = frames, place

    def __aiter__(self) -> HeldStream:
        """Return this iterator."""
        return self

    async def __anext__(self) -> str:
        """Return the next frame; free the place when the frames end."""
        try:
            return await self.frames.__anext__()
        except BaseException:
            self.place.give_back()
            raise

    def close(self) -> None:
        """Free the place (Django closes the response when the client went away)."""
        self.place.give_back()

    def __del__(self) -> None:
        self.place.give_back()


places = Places()
