"""Helpers for restart tests: a tracker database in an owned cluster, and processes on it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from typing import Any

import psycopg

from tests.projections.support import ROOT, Worker, start_worker

WRITER = """
import sys
from tracker import bootstrap
from tracker.eventstore import NewEvent
from tracker.services import developments, stories, streams

slug, count, poison = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "poison"
if streams.store().stream_version(streams.story_id_of(slug)) == 0:
    stories.story_open(title="Story " + slug, slug=slug)
for n in range(count):
    developments.development_record(story=slug, development={
        "type": "figure", "summary": "Trade", "occurred_at": "2024",
        "source": {"outlet": "Stats Office"}, "metric": "Trade volume",
        "value": str(n + 1), "unit": "USD", "period": str(2000 + n)})
if poison:  # stored with the store itself, past any validation: numeric(30,6) refuses it
    story_id = streams.story_id_of(slug)
    store = bootstrap.event_store()
    template = store.read_stream(story_id)[-1]
    data = {**template.data, "value": "1e24", "period": "2999"}
    store.append(story_id, "story", [NewEvent(template.event_type, data)],
                 expected_version=store.stream_version(story_id))
"""


def environment(url: str) -> dict[str, str]:
    """Return the environment of a tracker process on the database at `url`."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "SECRET_KEY": "restart-secret-key-" + "z" * 32,
        "TRACKER_CATCH_UP_ON_WRITE": "false",  # only the projector under test applies events
    }


def manage(url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a manage.py command on the database at `url`."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(url),
        capture_output=True,
        text=True,
        check=check,
        timeout=300,
    )


def write(url: str, slug: str, count: int, *, poison: bool = False) -> None:
    """Record `count` figures in a story (opening it first) from a process of its own."""
    code = textwrap.dedent(WRITER)
    flag = "poison" if poison else "-"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}", slug, str(count), flag],
        cwd=ROOT,
        env=environment(url),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def start(url: str, kind: str, port: int) -> Worker:
    """Start `run_projector` or `serve` (with its projector thread) on the database at `url`."""
    if kind == "run_projector":
        return start_worker(batch_size=20, env=environment(url))
    return start_worker(command=["serve", "--port", str(port)], env=environment(url))


def version(url: str, slug: str) -> int | None:
    """Return the version the read model shows for a story (None: not there or unreachable)."""
    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            row: Any = conn.execute(
                "SELECT version FROM projections_storyview WHERE slug = %s", [slug]
            ).fetchone()
    except psycopg.OperationalError:
        return None
    return int(row[0]) if row else None
