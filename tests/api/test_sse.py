"""GET /events/stream: delivery, resume, heartbeats and fan-out, against a live uvicorn server."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from django.db import connection
from django.test.utils import override_settings

from tests.api.sse import SSEClient
from tracker.api.stream import broadcaster
from tracker.bootstrap import event_store
from tracker.services.stories import story_open

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def open_stories(count: int) -> list[int]:
    """Open `count` stories through the service; return their positions."""
    tag = uuid.uuid4().hex[:8]
    return [story_open(title=f"SSE {tag} {n}", recorded_by={}).position for n in range(count)]


def wait_until(check, timeout: float = 10.0) -> None:
    """Poll `check` until it is true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_stream_delivers_new_events(live_url: str) -> None:
    """A client without `after` gets events committed after it connected, as SSE frames."""
    client = SSEClient(live_url, "/api/v1/events/stream")
    try:
        assert client.status == 200 and client.content_type.startswith("text/event-stream")
        assert client.next().fields == {"retry": "3000"}
        positions = open_stories(2)
        frames = client.events(2)
        assert [int(f.id) for f in frames] == positions  # type: ignore[arg-type]
        assert all(f.event == "story_opened" for f in frames)
        assert frames[0].data["position"] == positions[0]
        assert frames[0].data["type"] == "story_opened"
    finally:
        client.close()


def test_events_committed_after_the_first_frame_are_never_missed(
    live_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame is sent once the stream is subscribed, however slow subscribing is."""
    subscribe = broadcaster.subscribe

    def slow_subscribe(*args: object) -> object:
        time.sleep(0.5)
        return subscribe(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(broadcaster, "subscribe", slow_subscribe)
    client = SSEClient(live_url, "/api/v1/events/stream")
    try:
        assert client.next().fields == {"retry": "3000"}
        positions = open_stories(1)
        assert [int(f.id) for f in client.events(1)] == positions  # type: ignore[arg-type]
    finally:
        client.close()


def test_stream_resumes_after_a_position_and_last_event_id(live_url: str) -> None:
    """`after` replays the backlog then live events; Last-Event-ID wins over `after`."""
    start = event_store().last_position()
    positions = open_stories(3)
    client = SSEClient(live_url, f"/api/v1/events/stream?after={start}")
    resumed = SSEClient(
        live_url, f"/api/v1/events/stream?after={start}", {"Last-Event-ID": str(positions[1])}
    )
    try:
        assert [int(f.id) for f in client.events(3)] == positions  # type: ignore[arg-type]
        assert [int(f.id) for f in resumed.events(1)] == positions[2:]  # type: ignore[arg-type]
        later = open_stories(1)
        assert [int(f.id) for f in client.events(1)] == later  # type: ignore[arg-type]
        assert [int(f.id) for f in resumed.events(1)] == later  # type: ignore[arg-type]
    finally:
        client.close()
        resumed.close()


def test_stream_filters_by_type(live_url: str) -> None:
    """`type` narrows the stream as it narrows the feed."""
    start = event_store().last_position()
    open_stories(1)
    client = SSEClient(live_url, f"/api/v1/events/stream?after={start}&type=actor_merged")
    mixed = SSEClient(live_url, f"/api/v1/events/stream?after={start}&type=story_opened")
    try:
        assert mixed.events(1)[0].event == "story_opened"
        client.next()  # retry hint
        with pytest.raises(TimeoutError):
            client.connection.sock.settimeout(1.0)
            client.next()
    finally:
        client.close()
        mixed.close()


@override_settings(TRACKER_SSE_HEARTBEAT_SECONDS=0.2)
def test_stream_sends_keepalive_comments(live_url: str) -> None:
    """An idle stream gets a `: keepalive` comment every heartbeat interval."""
    client = SSEClient(live_url, "/api/v1/events/stream")
    try:
        client.next()  # retry hint
        assert client.next().comment == "keepalive"
    finally:
        client.close()


def test_stream_rejects_a_bad_last_event_id(live_url: str) -> None:
    """A Last-Event-ID that is not a position answers 422 before streaming."""
    client = SSEClient(live_url, "/api/v1/events/stream", {"Last-Event-ID": "abc"})
    try:
        assert client.status == 422
    finally:
        client.close()


def database_sessions() -> int:
    """Return the number of sessions on the test database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return int(cursor.fetchone()[0])


def test_idle_clients_share_one_reader(live_url: str) -> None:
    """Forty idle clients hold no database connection each, and all get each new event."""
    warm = SSEClient(live_url, "/api/v1/events/stream")
    warm.next()
    before = database_sessions()
    clients = [SSEClient(live_url, "/api/v1/events/stream") for _ in range(40)]
    try:
        for client in clients:
            client.next()
        wait_until(lambda: broadcaster.subscriber_count >= 41)
        assert database_sessions() <= before + 3
        [position] = open_stories(1)
        for client in clients:
            assert int(client.events(1)[0].id) == position  # type: ignore[arg-type]
    finally:
        for client in [warm, *clients]:
            client.close()
    wait_until(lambda: broadcaster.subscriber_count == 0)


def test_catch_up_while_writing_has_no_gap_or_duplicate(live_url: str) -> None:
    """A client replaying an old backlog while writers commit sees every event once, in order."""
    start = event_store().last_position()
    open_stories(30)
    stop = threading.Event()

    def write() -> None:
        while not stop.is_set():
            open_stories(1)

    writers = [threading.Thread(target=write) for _ in range(3)]
    for writer in writers:
        writer.start()
    client = SSEClient(live_url, f"/api/v1/events/stream?after={start}")
    try:
        time.sleep(1.0)
        stop.set()
        for writer in writers:
            writer.join()
        expected = [e.position for e in event_store().read_all(after=start, limit=100_000)]
        got = [int(f.id) for f in client.events(len(expected))]  # type: ignore[arg-type]
        assert got == expected
    finally:
        stop.set()
        client.close()
