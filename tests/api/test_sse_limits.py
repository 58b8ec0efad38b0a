"""Event streams are bounded: a per-process cap (503 beyond), paced anonymous replays.

Against a real `manage.py serve` (granian: the stream process on a port of its own) with a
small cap and a slow anonymous rate set in its environment, and, where the pages a replay
reads are counted, against the in-process uvicorn server of the other SSE tests.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from django.test.utils import override_settings

from tests.api.live import call
from tests.api.served_stream import serve_streams
from tests.api.sse import SSEClient
from tests.projections.support import database_url
from tracker.api import stream
from tracker.api.tokens import token_create
from tracker.bootstrap import event_store
from tracker.services.stories import story_open

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

CAP = 2  # streams the served stream process holds
RATE = 10  # events/s of an anonymous replay there: one event per 0.1 s
STREAM = "/api/v1/events/stream"


@pytest.fixture(scope="module")
def served(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[str]:
    """Serve the test database with `manage.py serve`; yield the stream process's base URL."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        url = database_url()
    settings = {"TRACKER_SSE_MAX_CLIENTS": str(CAP), "TRACKER_SSE_ANONYMOUS_RATE": str(RATE)}
    with serve_streams(url, **settings) as base:
        yield base


def open_stream(base: str, path: str = STREAM, headers: dict[str, str] | None = None) -> SSEClient:
    """Open a stream, retrying while places closed by earlier tests are not given back yet."""
    deadline = time.monotonic() + 20
    while True:
        client = SSEClient(base, path, headers)
        if client.status != 503 or time.monotonic() > deadline:
            assert client.status == 200, client.status
            client.next()  # the retry hint: subscribed
            return client
        client.close()
        time.sleep(0.1)


def settled(base: str, count: int) -> tuple[int, list[int]]:
    """Open `count` stories, seen by the server's broadcaster; return the head before, positions.

    A stream replays from the store only what its server had read when it subscribed; later
    events come live, unpaced. A stream held meanwhile shows the server has read them all.
    """
    watcher = open_stream(base)
    try:
        start = event_store().last_position()
        positions = [story_open(title=f"Limits {n}", recorded_by={}).position for n in range(count)]
        while int(watcher.events(1)[0].id or 0) < positions[-1]:
            pass
    finally:
        watcher.close()
    return start, positions


def arrived_within(client: SSEClient, seconds: float) -> int:
    """Return how many event frames the client reads in the next `seconds`."""
    count, deadline = 0, time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        client.connection.sock.settimeout(left)
        try:
            frame = client.next()
        except TimeoutError:
            break
        count += frame.id is not None
    return count


def test_streams_beyond_the_cap_get_503_with_retry_after_until_a_place_frees(served: str) -> None:
    """Past TRACKER_SSE_MAX_CLIENTS: 503 too_many_streams, JSON error, Retry-After; then 200."""
    held = [open_stream(served) for _ in range(CAP)]
    refused = SSEClient(served, STREAM)
    try:
        assert refused.status == 503
        assert refused.response.getheader("Retry-After") == "5"
        body = json.loads(refused.response.read())
        assert body["code"] == "too_many_streams" and body["detail"]
        held.pop().close()  # the server notices the client went away and frees its place
        held.append(open_stream(served))
    finally:
        refused.close()
        for client in held:
            client.close()


def test_anonymous_replay_from_zero_is_paced_while_a_token_replays_at_once(served: str) -> None:
    """From after=0 an anonymous stream trickles at RATE events/s; a token's gets everything."""
    _, positions = settled(served, 30)
    stored = len(event_store().read_all(after=0, limit=1_000_000))
    token = token_create(name=f"limits-{time.monotonic_ns()}", scope="read")
    anonymous = open_stream(served, f"{STREAM}?after=0")
    held = open_stream(served, f"{STREAM}?after=0", {"Authorization": f"Bearer {token}"})
    try:
        assert [int(f.id or 0) for f in held.events(stored)][-30:] == positions
        anonymous.events(1)
        assert arrived_within(anonymous, 1.0) < 20  # 10/s: about 10; unpaced: 29 and more
    finally:
        anonymous.close()
        held.close()


def test_other_requests_are_served_while_anonymous_replays_run(served: str) -> None:
    """While replays from after=0 stream, the same process answers health and feed pages."""
    start, positions = settled(served, 20)
    replays = [open_stream(served, f"{STREAM}?after={start}") for _ in range(CAP)]
    try:
        first = [int(client.events(1)[0].id or 0) for client in replays]
        assert first == [positions[0]] * CAP
        for path in ("/api/v1/health", f"/api/v1/events?after={start}&limit=100"):
            answer = call(served, "GET", path, timeout=10)
            assert answer.status == 200, (path, answer.body)
        assert [item["position"] for item in answer.body["items"]] == positions
        for client in replays:  # the replays went on, in order, from where they were
            assert [int(f.id or 0) for f in client.events(2)] == positions[1:3]
    finally:
        for client in replays:
            client.close()


def test_anonymous_backlog_is_read_in_small_pages(
    live_url: str, live_write_token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anonymous: pages of at most rate/10 events; with a token: one page up to the batch."""
    start, positions = settled(live_url, 12)
    pages: list[int] = []
    backlog = stream._backlog

    def counted(after: int, head: int, wanted: stream.Filter, limit: int = 500) -> object:
        pages.append(limit)
        return backlog(after, head, wanted, limit)

    monkeypatch.setattr(stream, "_backlog", counted)
    with override_settings(TRACKER_SSE_ANONYMOUS_RATE=40):
        for headers, page in (({}, 4), ({"Authorization": f"Bearer {live_write_token}"}, 500)):
            pages.clear()
            client = open_stream(live_url, f"{STREAM}?after={start}", headers)
            try:
                assert [int(f.id or 0) for f in client.events(12)] == positions
            finally:
                client.close()
            assert pages and set(pages) == {page}
    assert len(pages) == 1  # with the token: the whole backlog in one read
