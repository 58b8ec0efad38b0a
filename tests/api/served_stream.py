"""A real `manage.py serve` (granian) on the test database, for tests of its stream process."""

from __future__ import annotations

import itertools
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.api.live import call, free_port
from tests.projections.support import start_worker, wait_until


@contextmanager
def serve_streams(url: str, **settings: str) -> Iterator[str]:
    """Serve the database at `url` with these TRACKER_ settings; yield the stream port's base."""
    port, stream_port = free_port(), free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "SECRET_KEY": "stream-tests-secret-key-" + "x" * 32,
        "TRACKER_SSL_REDIRECT": "false",
        "WEB_WORKERS": "1",
        "WEB_THREADS": "2",
        **settings,
    }
    command = ["serve", "--port", str(port), "--stream-port", str(stream_port), "--no-projector"]
    server = start_worker(command=command, env=env)
    base = f"http://127.0.0.1:{stream_port}"
    try:
        wait_until(lambda: status(base, "/api/v1/ping") == 200, 60, server)
        yield base
    finally:
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(40)


def status(base: str, path: str) -> int:
    """Return the status of GET `path`, 0 when nothing answers."""
    try:
        return call(base, "GET", path, timeout=5).status
    except OSError:
        return 0


def threads_serving(port: int) -> int:
    """Return the threads of the server listening on `port`: its processes and their children.

    Read from /proc (Linux): the server is the process whose command line names the port.
    """
    parents: dict[int, int] = {}
    roots = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
            parents[int(entry.name)] = int(
                (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
            )
        except OSError:  # the process ended meanwhile
            continue
        if any(
            a == b"--port" and b == str(port).encode() for a, b in itertools.pairwise(arguments)
        ):
            roots.append(int(entry.name))
    serving = set(roots)
    while grown := {pid for pid, parent in parents.items() if parent in serving} - serving:
        serving |= grown
    return sum(_threads(pid) for pid in serving)


def _threads(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("Threads:"))
