"""The stream process's handler: ordinary requests still run their sync work side by side."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.api import both_urls
from tracker.ops.asgi_handler import SharedThreadASGIHandler


async def get(application: SharedThreadASGIHandler, path: str) -> int:
    """Send GET `path` to the ASGI application; return the response's status."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    done = asyncio.Event()
    sent: list[dict[str, Any]] = []
    first = True

    async def receive() -> dict[str, Any]:
        nonlocal first
        if first:
            first = False
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await application(scope, receive, send)
    done.set()
    return int(sent[0]["status"])


def test_two_ordinary_requests_are_in_a_sync_view_at_once(settings: Any) -> None:
    """Each ordinary request's sync view runs on its own thread: two meet inside the view.

    Were they queued on one shared thread (as the event stream's are), the first would wait
    for the second in vain and fail.
    """
    settings.ROOT_URLCONF = "tests.api.both_urls"
    both_urls.MEETING.reset()
    application = SharedThreadASGIHandler(shared_paths=["/api/v1/events/stream"])

    async def together() -> list[int]:
        return list(await asyncio.gather(get(application, "/meet"), get(application, "/meet")))

    assert asyncio.run(together()) == [200, 200]


@pytest.mark.parametrize("method", ["websocket", "lifespan"])
def test_other_connection_types_are_refused(method: str) -> None:
    """Only HTTP is served, as by Django's own handler."""
    application = SharedThreadASGIHandler(shared_paths=[])

    async def call() -> None:
        await application({"type": method}, None, None)

    with pytest.raises(ValueError, match="HTTP"):
        asyncio.run(call())
