"""The servers bench/api.py loads: the tracker (`manage.py serve`) and the floor app, both granian.

Both run on a scratch database loaded with the sample story, on free loopback ports, with
the same worker and thread counts (WEB_WORKERS, WEB_THREADS or their defaults).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg

from tracker import config
from tracker.eventstore import migrate
from tracker.ops import serving

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = "tracker_bench_api"
SAMPLE_SLUG = "us-russia-sanctions-talks"
STORY_PATH = f"/api/v1/stories/{SAMPLE_SLUG}"


@dataclass(frozen=True)
class Served:
    """What the bench loads: the tracker's ports, the floor's, a write token, the workers."""

    web: str  # http://127.0.0.1:PORT
    stream: str  # the stream server of the same tracker
    floor: str
    token: str
    plan: serving.Plan


def free_port() -> int:
    """Return a TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, method: str = "GET", body: Any = None, token: str | None = None) -> bytes:
    """Send one request and return the answer's bytes (raise on an HTTP error)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as answer:
        return bytes(answer.read())


@contextlib.contextmanager
def scratch_database(server_url: str | None = None) -> Iterator[str]:
    """Create an empty scratch database on the project's server; yield its URL, then drop it."""
    base = migrate.libpq_url(server_url or config.database_url())
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {SCRATCH}")
    try:
        yield urlsplit(base)._replace(path=f"/{SCRATCH}").geturl()
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")


def environment(url: str) -> dict[str, str]:
    """Return the environment of the servers: the scratch database, plain HTTP as `make run`."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "TRACKER_SSL_REDIRECT": os.environ.get("TRACKER_SSL_REDIRECT", "false"),
        "TRACKER_SECURE_COOKIES": os.environ.get("TRACKER_SECURE_COOKIES", "false"),
        "TRACKER_DB_POOL": "true",
        "PYTHONPATH": str(ROOT),
    }


def manage(env: dict[str, str], *args: str) -> str:
    """Run a manage.py command; return what it printed."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip()


def wait_ready(url: str, processes: list[subprocess.Popen[bytes]], seconds: float = 90) -> None:
    """Wait until GET `url` answers 200; stop if a server ended or time ran out."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            fetch(url)
            return
        except OSError:
            if any(p.poll() is not None for p in processes) or time.monotonic() > deadline:
                raise SystemExit(f"{url} did not answer") from None
            time.sleep(0.2)


def _stop(process: subprocess.Popen[bytes], timeout: float = 40) -> None:
    """SIGTERM a server's process group, SIGKILL it after `timeout`."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def floor_command(plan: serving.Plan) -> list[str]:
    """Return granian's command of the tracker's web server, serving the floor app instead."""
    command = serving.web_command(plan)
    return [*command[:-1], "bench.floor:app"]


@contextlib.contextmanager
def served(url: str, *, quiet: bool = True) -> Iterator[Served]:
    """Set up the scratch database, start the tracker and the floor; stop both at the end."""
    env = environment(url)
    manage(env, "migrate_all")
    manage(env, "load_sample", "--no-progress")
    token = manage(
        env, "create_token", "--name", f"bench-{uuid.uuid4().hex[:8]}", "--scope", "write"
    )
    port, stream_port, floor_port = free_port(), free_port(), free_port()
    plan = serving.Plan.from_environment("127.0.0.1", floor_port)
    plan = dataclasses.replace(plan, stream_port=0)
    output = subprocess.DEVNULL if quiet else None
    tracker = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--stream-port", str(stream_port)],
        cwd=ROOT, env=env, stdout=output, start_new_session=True,
    )  # fmt: skip
    processes = [tracker]
    body = Path(tempfile.mkstemp(suffix=".json")[1])
    web, stream, floor = (f"http://127.0.0.1:{p}" for p in (port, stream_port, floor_port))
    try:
        wait_ready(f"{web}/api/v1/ping", processes)
        wait_ready(f"{stream}/api/v1/ping", processes)
        body.write_bytes(fetch(web + STORY_PATH))
        serving.raise_open_files_limit()
        floor_env = {
            **env,
            "BENCH_FLOOR_DSN": migrate.libpq_url(url),
            "BENCH_FLOOR_BODY": str(body),
        }
        processes.append(
            subprocess.Popen(
                floor_command(plan),
                cwd=ROOT,
                env=floor_env,
                stdout=output,
                start_new_session=True,
            )
        )
        wait_ready(floor, processes)
        yield Served(web, stream, floor, token, plan)
    finally:
        for process in processes:
            _stop(process)
        body.unlink(missing_ok=True)
