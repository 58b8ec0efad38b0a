"""Helpers for backup tests: a varied store, a second database, commands run against it."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy import make_url

from tests.projections.support import ROOT, database_url
from tracker.eventstore import migrate
from tracker.projections.rows import COLUMNS
from tracker.services import actors, developments, stories
from tracker.services.sample import sample_load

SOURCE = {"outlet": "Der Spiegel", "language": "de", "published_at": "2025-04-03T08:15:00Z"}


def varied_store() -> str:
    """Write the sample story and a story with corrections, a retraction, figures and actors."""
    sample_load()
    tag = uuid.uuid4().hex[:8]
    slug = stories.story_open(title=f"Backup {tag}", slug=f"backup-{tag}", language="de").slug
    assert slug is not None
    person = actors.actor_register(name=f"Jörg Ünterberg {tag}", kind="person")
    actors.actor_alias_add(actor_id=person.stream_id, name=f"Joerg Unterberg {tag}", language="en")
    said = developments.development_record(story=slug, development={
        "type": "statement", "summary": "Er sagt: \"Nein\"\nund geht.",
        "speaker": {"name": f"Jörg Ünterberg {tag}"}, "content": "Zeile 1\nZeile 2 \u2028 ✓",
        "occurred_at": "2025-04-02T10:15:30.5+02:00", "source": SOURCE,
    })  # fmt: skip
    figure = developments.development_record(story=slug, development={
        "type": "figure", "summary": "Trade volume", "metric": "trade", "value": "1.10",
        "unit": "USD", "period": "2024", "source": SOURCE,
    })  # fmt: skip
    developments.development_correct(
        story=slug, target=said.event_id, changes={"summary": "Er sagt Nein."}, reason="Zitat"
    )
    developments.development_correct(
        story=slug, target=figure.event_id, changes={"value": "2.500"}, reason="typo"
    )
    developments.development_retract(story=slug, target=said.event_id, reason="not said")
    return slug


def subprocess_env(url: str) -> dict[str, str]:
    """Return the environment of a manage.py child process on the database at `url`."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "SECRET_KEY": "backup-secret-key-" + "b" * 32,
    }


def manage(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `manage.py ARGS` on the database at `url`; return the finished process."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=subprocess_env(url),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def exported_to_stdout(url: str) -> bytes:
    """Run `manage.py export_events` (to stdout) on the database at `url`; return its output."""
    done = subprocess.run(
        [sys.executable, "manage.py", "export_events", "--no-progress"],
        cwd=ROOT,
        env=subprocess_env(url),
        capture_output=True,
        timeout=600,
        check=True,
    )
    return done.stdout


@contextmanager
def second_database() -> Iterator[str]:
    """Yield the URL of a new empty database on the test server, dropped afterwards."""
    server = migrate.libpq_url(database_url())
    name = f"restore_{uuid.uuid4().hex[:12]}"
    url = make_url(database_url()).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield url
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def read_models(url: str) -> dict[str, list[str]]:
    """Return every read-model table's rows (the projector's columns) as sorted texts."""
    found = {}
    with psycopg.connect(migrate.libpq_url(url)) as conn:
        for table, columns in COLUMNS.items():
            rows = conn.execute(f"SELECT ROW({', '.join(columns)})::text FROM {table}").fetchall()
            found[table] = sorted(row[0] for row in rows)
    return found


def event_count(url: str) -> int:
    """Return how many events the database at `url` holds."""
    with psycopg.connect(migrate.libpq_url(url)) as conn:
        row = conn.execute("SELECT count(*) FROM events").fetchone()
    assert row is not None
    return int(row[0])
