"""The serving processes: granian runs the views on threads, another holds the event streams.

Django's sync views run in parallel under a WSGI server with threads (under an ASGI server
they all queue for one thread). granian was measured against gunicorn's threaded worker
and against an ASGI server handing requests to threads: on this project's 2-core machine a
framework-free WSGI app answered about 4,800-5,400 requests/s under granian's WSGI mode,
about 2,000 under gunicorn gthread and about 3,000 under granian's ASGI mode with a
WSGI-to-ASGI bridge; Django's trivial endpoint 2,970 under granian against 1,750 under
gunicorn. The endless server-sent event streams need an event loop instead (a thread per
idle client would not hold thousands): one granian ASGI process serves them on a port of
its own, and the threaded server redirects stream requests there.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass

from tracker.config import env_int

#: Requests the stream process takes beyond TRACKER_SSE_MAX_CLIENTS streams: the 503s
#: refusing more streams, health checks, anything else sent to its port.
STREAM_HEADROOM = 1024


def cores() -> int:
    """Return the number of CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Plan:
    """Where and how to serve: ports, worker processes, threads each, the header timeout."""

    host: str
    port: int
    workers: int
    threads: int
    stream_port: int  # 0: no stream server
    header_timeout_ms: int
    # Requests the stream process holds at once: granian's default (its backlog, 1,024)
    # would leave streams past it waiting unanswered, below the cap and its 503.
    stream_requests: int = 5000 + STREAM_HEADROOM

    @classmethod
    def from_environment(cls, host: str, port: int) -> Plan:
        """Return the plan from WEB_WORKERS, WEB_THREADS, STREAM_PORT and the TRACKER_ limits."""
        return cls(
            host=host,
            port=port,
            workers=env_int("WEB_WORKERS", cores(), minimum=1),
            threads=env_int("WEB_THREADS", 4, minimum=1),
            stream_port=env_int("STREAM_PORT", port + 1 if port else 0),
            header_timeout_ms=env_int("TRACKER_HEADER_TIMEOUT_MS", 5000, minimum=1),
            stream_requests=env_int("TRACKER_SSE_MAX_CLIENTS", 5000, minimum=1) + STREAM_HEADROOM,
        )


def _granian(plan: Plan, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "granian",
        "--host",
        plan.host,
        "--http",
        "1",
        "--no-ws",
        "--log-level",
        "warning",
        "--respawn-failed-workers",
        "--http1-header-read-timeout",
        str(plan.header_timeout_ms),
        *args,
    ]


def web_command(plan: Plan) -> list[str]:
    """Return the command of the threaded WSGI server (every view but the streams)."""
    return _granian(
        plan,
        "--interface",
        "wsgi",
        "--port",
        str(plan.port),
        "--workers",
        str(plan.workers),
        "--blocking-threads",
        str(plan.threads),
        "tracker.ops.web_app:application",
    )


def stream_command(plan: Plan) -> list[str]:
    """Return the command of the ASGI server that holds the event streams (one process)."""
    return _granian(
        plan,
        "--interface",
        "asginl",
        "--port",
        str(plan.stream_port),
        "--workers",
        "1",
        "--backpressure",
        str(plan.stream_requests),
        "tracker.ops.stream_app:application",
    )


def environment(plan: Plan) -> dict[str, str]:
    """Return the servers' environment: pooled connections, and where streams are served."""
    env = dict(os.environ)
    env.setdefault("TRACKER_DB_POOL", "true")
    if plan.stream_port:
        env["TRACKER_STREAM_PORT"] = str(plan.stream_port)
    return env


def start(plan: Plan) -> list[subprocess.Popen[bytes]]:
    """Start the servers of the plan; return their processes."""
    raise_open_files_limit()
    env = environment(plan)
    commands = [web_command(plan)] + ([stream_command(plan)] if plan.stream_port else [])
    # Each server in a process group of its own: stopping it signals its workers too.
    return [subprocess.Popen(command, env=env, start_new_session=True) for command in commands]


def stop(servers: list[subprocess.Popen[bytes]], timeout: float) -> None:
    """Send SIGTERM to each server's process group; SIGKILL what still runs after `timeout`."""
    for server in servers:
        _signal_group(server, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for server in servers:
        try:
            server.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(server, signal.SIGKILL)
            server.wait()


def _signal_group(server: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signum)


def raise_open_files_limit() -> None:
    """Raise this process's (and its children's) open-files limit to the hard limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
