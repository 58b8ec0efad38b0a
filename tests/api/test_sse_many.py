"""The stream process holds streams up to its cap, past the server's default of 1,024 requests."""

from __future__ import annotations

import asyncio
import resource
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.api.live import call
from tests.api.served_stream import serve_streams, threads_serving
from tests.projections.support import database_url

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

CAP = 1100  # above granian's default of 1,024 requests at once
STREAM = "/api/v1/events/stream"


@pytest.fixture(scope="module")
def served(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[str]:
    """Serve the test database with a cap of CAP streams; yield the stream process's URL."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 2 * CAP:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(4 * CAP, hard), hard))
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        url = database_url()
    with serve_streams(url, TRACKER_SSE_MAX_CLIENTS=str(CAP)) as base:
        yield base


async def open_one(base: str) -> tuple[int, asyncio.StreamWriter]:
    """Request a stream; return its status once answered, and the open connection."""
    parts = urlsplit(base)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    writer.write(f"GET {STREAM} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode())
    status_line = await asyncio.wait_for(reader.readline(), 20)
    return int(status_line.split()[1]), writer


async def hold_then_one_more(base: str) -> tuple[list[int], int, int, int]:
    """Hold CAP streams; return their statuses, one more's, health's and the server's threads."""
    gate = asyncio.Semaphore(50)

    async def gated() -> tuple[int, asyncio.StreamWriter]:
        async with gate:
            return await open_one(base)

    held = await asyncio.gather(*(gated() for _ in range(CAP)))
    try:
        extra, writer = await open_one(base)
        writer.close()
        health = await asyncio.to_thread(call, base, "GET", "/api/v1/health", None, None, 20)
        threads = threads_serving(urlsplit(base).port or 0)
        return [status for status, _ in held], extra, health.status, threads
    finally:
        for _, writer in held:
            writer.close()


def test_streams_up_to_the_cap_are_held_and_the_next_is_refused(served: str) -> None:
    """CAP (1,100) streams all answer 200; one more answers 503; health answers meanwhile.

    The streams hold no thread each: the stream server runs far fewer threads than streams.
    """
    statuses, extra, health, threads = asyncio.run(hold_then_one_more(served))
    assert statuses == [200] * CAP
    assert extra == 503
    assert health == 200
    assert 0 < threads < 100
