"""Helpers for projection tests: projector worker processes and bulk story events."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection

from tracker import bootstrap
from tracker.eventstore import NewEvent
from tracker.projections import projector
from tracker.projections.models import Checkpoint
from tracker.services import developments, stories, streams

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """Return a postgresql:// URL of the test database, for child processes."""
    url = bootstrap.sqlalchemy_url(connection.settings_dict)
    return url.render_as_string(hide_password=False).replace("postgresql+psycopg", "postgresql")


@dataclass
class Worker:
    """A `manage.py run_projector` child process and the lines it printed."""

    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)

    @property
    def leading(self) -> bool:
        """Return whether the worker said it leads."""
        return any(line.startswith("leading") for line in self.lines)


def start_worker(
    batch_size: int = 20, *, command: list[str] | None = None, env: dict[str, str] | None = None
) -> Worker:
    """Start a projector worker (or another manage.py `command`) on the test database or `env`'s."""
    env = env or {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "SECRET_KEY": "worker-secret-key-" + "y" * 32,
    }
    args = command or ["run_projector", "--no-progress", "--batch-size", str(batch_size)]
    process = subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    worker = Worker(process)

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            worker.lines.append(line.strip())

    threading.Thread(target=read, daemon=True).start()
    return worker


def wait_until(condition: object, timeout: float = 60.0, *workers: Worker) -> None:
    """Wait until `condition()` is true, or fail showing what the workers printed."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            printed = [worker.lines[-20:] for worker in workers]
            raise AssertionError(f"timed out waiting for {condition}; workers printed {printed}")
        time.sleep(0.05)


def checkpoint() -> Checkpoint:
    """Return the stories projection's checkpoint row (fresh from the database)."""
    return Checkpoint.objects.get_or_create(name=projector.PROJECTION)[0]


def caught_up() -> bool:
    """Return whether the checkpoint reached the store's head."""
    return checkpoint().position >= bootstrap.event_store().last_position()


def event_count() -> int:
    """Return how many events the store holds."""
    store, count, after = bootstrap.event_store(), 0, 0
    while events := store.read_all(after=after, limit=10_000):
        count += len(events)
        after = events[-1].position
    return count


def story_with_copies(copies: int, batch: int = 100) -> str:
    """Open a story with one recorded visit, then append `copies` more visits straight away."""
    slug = f"bulk-{uuid.uuid4().hex[:10]}"
    stories.story_open(title="Bulk", slug=slug)
    developments.development_record(
        story=slug,
        development={
            "type": "visit",
            "summary": "A visit",
            "visitor": {"name": "Kirill Dmitrijew"},
            "destination": "Washington",
            "status": "under_way",
            "occurred_at": "2025-04-02",
            "source": {"outlet": "Der Spiegel", "language": "de"},
        },
    )
    story_id, events = streams.require_events(slug)
    template = events[-1]
    store = bootstrap.event_store()
    version = events[-1].version
    for start in range(0, copies, batch):
        size = min(batch, copies - start)
        new = [
            NewEvent(
                template.event_type,
                dict(template.data),
                schema_version=template.schema_version,
                occurred_at=template.occurred_at,
                occurred_precision=template.occurred_precision,
            )
            for _ in range(size)
        ]
        store.append(story_id, "story", new, expected_version=version)
        version += size
    return slug


@contextmanager
def batch_lock_held() -> Iterator[None]:
    """Hold the projector's batch lock from another session, so no catch-up can apply."""
    with bootstrap.engine().connect() as held:
        held = held.execution_options(isolation_level="AUTOCOMMIT")
        held.exec_driver_sql("SELECT pg_advisory_lock(%s)", (projector.BATCH_LOCK,))
        try:
            yield
        finally:
            held.exec_driver_sql("SELECT pg_advisory_unlock(%s)", (projector.BATCH_LOCK,))
