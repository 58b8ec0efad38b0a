"""Benchmark the REST API: story reads, development writes and a trivial endpoint, 16 clients."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
Request = Callable[[int, int], tuple[str, str, bytes | None]]  # client, n -> method, path, body


async def _call(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> int:
    """Send one keep-alive request and read its answer; return the status code."""
    writer.write(raw)
    status_line = await reader.readline()
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    return int(status_line.split()[1])


def _raw(host: str, token: str | None, method: str, path: str, body: bytes | None) -> bytes:
    head = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: keep-alive"]
    if token:
        head.append(f"Authorization: Bearer {token}")
    if body is not None:
        head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + (body or b"")


async def _client(
    url: str, token: str | None, make: Request, client: int, until: float, out: list
) -> None:
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    n = 0
    try:
        while time.perf_counter() < until:
            method, path, body = make(client, n)
            started = time.perf_counter()
            status = await _call(reader, writer, _raw(parts.netloc, token, method, path, body))
            out.append((time.perf_counter() - started, status))
            n += 1
    finally:
        writer.close()


def phase(url: str, token: str | None, make: Request, clients: int, seconds: float) -> dict:
    """Run `clients` keep-alive clients for `seconds`; return rps and latency percentiles."""
    samples: list[tuple[float, int]] = []

    async def run() -> None:
        until = time.perf_counter() + seconds
        await asyncio.gather(
            *(_client(url, token, make, c, until, samples) for c in range(clients))
        )

    started = time.perf_counter()
    asyncio.run(run())
    elapsed = time.perf_counter() - started
    latencies = sorted(s for s, _ in samples)
    bad = sum(1 for _, status in samples if status >= 400)
    if not latencies or bad:
        raise SystemExit(f"{bad} of {len(samples)} requests failed")

    def pick(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    return {"rps": len(latencies) / elapsed, "p50_ms": pick(0.50), "p99_ms": pick(0.99)}


def _http(url: str, method: str = "GET", body: dict | None = None, token: str | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def _manage(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


@contextmanager
def own_server() -> Iterator[tuple[str, str]]:
    """Start `manage.py serve` on a free loopback port with a fresh write token."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _manage("migrate_all")
    token = _manage("create_token", "--name", f"bench-{uuid.uuid4().hex[:8]}", "--scope", "write")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=os.environ,
        stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                _http(f"{url}/api/v1/ping")
                break
            except OSError:
                time.sleep(0.1)
        yield url, token
    finally:
        server.terminate()
        server.wait(timeout=15)


def development(n: int) -> bytes:
    """Return a small statement development, unique per request."""
    body = {
        "type": "statement",
        "occurred_at": "2025-04-02",
        "summary": f"Benchmark statement {n} {uuid.uuid4().hex[:6]}",
        "source": {"outlet": "Bench Wire"},
        "speaker": {"name": "Bench Speaker"},
        "content": "Nothing to report.",
    }
    return json.dumps(body).encode()


def _stories(url: str, token: str, count: int) -> list[str]:
    """Open `count` stories; return their paths once the read model has them."""
    paths = []
    for _ in range(count):
        story = _http(f"{url}/api/v1/stories", "POST", {"title": f"Bench {uuid.uuid4()}"}, token)
        paths.append(f"/api/v1/stories/{story['id']}")
        _http(f"{url}{paths[-1]}?min_position={story['position']}", token=token)
    return paths


def run(url: str, token: str, clients: int, seconds: float) -> dict:
    """Run the three phases against one server; return the flat results.

    Reads share one story; each writer appends to a story of its own, so the write phase
    measures appends, not If-Match-less conflicts between writers of one story.
    """
    paths = _stories(url, token, clients)
    results = {}
    for name, make, auth in (
        ("trivial", lambda c, n: ("GET", "/api/v1/ping", None), None),
        ("get", lambda c, n: ("GET", paths[0], None), token),
        ("post", lambda c, n: ("POST", f"{paths[c]}/developments", development(n)), token),
    ):
        results[name] = phase(url, auth, make, clients, seconds)
    # get_rps, get_p99_ms, post_rps, post_p99_ms, trivial_rps, and the p50s beside them
    return {f"{name}_{key}": round(v, 2) for name, r in results.items() for key, v in r.items()}


def table(r: dict) -> str:
    """Return the results as a small table with each phase's ratio to the trivial endpoint."""
    rows = ["phase       req/s    p50 ms   p99 ms   vs trivial"]
    for name in ("trivial", "get", "post"):
        ratio = r[f"{name}_rps"] / r["trivial_rps"]
        rows.append(
            f"{name:<8} {r[f'{name}_rps']:>8.0f} {r[f'{name}_p50_ms']:>9.2f}"
            f" {r[f'{name}_p99_ms']:>8.2f}   {ratio:>8.0%}"
        )
    return "\n".join(rows)


def main() -> None:
    """Parse the options, run the benchmark, print a table or one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a running server (default: start manage.py serve)")
    parser.add_argument("--token", default=os.environ.get("TRACKER_TOKEN"), help="write token")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (16)")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each phase")
    parser.add_argument("--json", action="store_true", help="print one flat JSON object")
    args = parser.parse_args()
    if args.url:
        if urlsplit(args.url).hostname not in LOOPBACK:
            parser.error("--url must name a loopback host (127.0.0.1, ::1 or localhost)")
        if not args.token:
            parser.error("--url needs --token (or TRACKER_TOKEN): a write token of that server")
        result = run(args.url.rstrip("/"), args.token, args.clients, args.seconds)
    else:
        with own_server() as (url, token):
            result = run(url, token, args.clients, args.seconds)
    print(json.dumps(result) if args.json else table(result))


if __name__ == "__main__":
    main()
