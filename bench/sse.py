"""Idle server-sent event clients for bench/api.py: open N, then time one event's fan-out."""

from __future__ import annotations

import asyncio
import resource
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

STREAM_PATH = "/api/v1/events/stream"
CONNECTING_AT_ONCE = 50
ANSWER_SECONDS = 30


@dataclass
class Client:
    """One open stream: the positions it received, each with the time it arrived."""

    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    seen: dict[int, float] = field(default_factory=dict)
    task: asyncio.Task[None] | None = None

    async def listen(self) -> None:
        """Record each frame's `id:` (the event's position) with its arrival time."""
        while line := await self.reader.readline():
            if line.startswith(b"id: "):
                self.seen[int(line[4:])] = time.perf_counter()


def raise_open_files(needed: int) -> int:
    """Raise this process's open-files limit as far as needed (up to the hard limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


async def open_stream(base: str) -> Client:
    """Open one anonymous stream from now on; return once its first frame (retry) arrived."""
    parts = urlsplit(base)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    writer.write(
        f"GET {STREAM_PATH} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        "Accept: text/event-stream\r\n\r\n".encode()
    )
    status = await asyncio.wait_for(reader.readline(), ANSWER_SECONDS)  # never hang
    if b" 200 " not in status:
        writer.close()
        raise RuntimeError(f"stream refused: {status.decode().strip()}")
    while await reader.readline() not in (b"\r\n", b""):
        pass
    while not (await reader.readline()).startswith(b"retry:"):
        pass
    return Client(reader, writer)


async def open_streams(base: str, count: int) -> list[Client]:
    """Open `count` streams, CONNECTING_AT_ONCE at a time; start each one's listener."""
    gate = asyncio.Semaphore(CONNECTING_AT_ONCE)

    async def one() -> Client:
        async with gate:
            client = await open_stream(base)
        client.task = asyncio.create_task(client.listen())
        return client

    return list(await asyncio.gather(*(one() for _ in range(count))))


async def fan_out(clients: list[Client], position: int, started: float, limit: float) -> float:
    """Wait until every client received `position`; return the seconds since `started`."""
    deadline = time.perf_counter() + limit
    while True:
        missing = [c for c in clients if position not in c.seen]
        if not missing:
            return max(c.seen[position] for c in clients) - started
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{len(missing)} of {len(clients)} clients never got {position}")
        await asyncio.sleep(0.01)


async def close_all(clients: list[Client]) -> None:
    """Close every stream."""
    for client in clients:
        if client.task is not None:
            client.task.cancel()
        client.writer.close()
    await asyncio.sleep(0)
