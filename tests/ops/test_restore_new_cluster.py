"""A pg_dump restored into a freshly initialised cluster serves, takes writes and projects them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, text

from tests.clusters import Cluster, cluster
from tests.projections.support import database_url
from tracker.eventstore import EventStore, NewEvent
from tracker.eventstore.alignment import align_positions, clock_offset
from tracker.eventstore.migrate import sqlalchemy_url
from tracker.eventstore.model import ANY

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]


def manage(url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a manage.py command against the database at `url` in a child process."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "SECRET_KEY": "restore-test-secret-key-" + "z" * 32,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=check,
    )


@pytest.fixture
def source() -> Iterator[str]:
    """Yield the URL of a tracker database on the test server with the sample story loaded."""
    admin = database_url()
    name = f"restore_src_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"'.encode())
    url = urlsplit(admin)._replace(path=f"/{name}").geturl()
    try:
        manage(url, "migrate_all", "--no-progress")
        manage(url, "load_sample")
        with psycopg.connect(url, autocommit=True) as conn:  # xids well above a new cluster's
            for _ in range(1500):
                conn.execute("SELECT pg_current_xact_id()")
        EventStore(create_engine(sqlalchemy_url(url))).append(
            uuid.uuid4(), "story", [NewEvent("noted", {"n": 1})], expected_version=ANY
        )
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)'.encode())


def restore(dump_from: str, into: Cluster, tmp: Path) -> str:
    """Dump `dump_from` with pg_dump -Fc and pg_restore it into a new database of `into`."""
    dump = tmp / "tracker.dump"
    subprocess.run([into.tool("pg_dump"), "-Fc", "-f", str(dump), dump_from], check=True)
    url = into.create_database("tracker")
    subprocess.run(
        [into.tool("pg_restore"), "--no-owner", "--exit-on-error", "-d", url, str(dump)],
        check=True,
    )
    return url


def top_position(engine: Engine) -> int:
    """Return the highest stored position."""
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT max(position) FROM events")).scalar_one())


def clock_base(engine: Engine) -> int:
    """Return the first position a new transaction would write at now."""
    with engine.connect() as connection:
        sql = "SELECT (pg_current_xact_id()::text::bigint + xid_offset) << 16 FROM events_clock"
        return int(connection.execute(text(sql)).scalar_one())


def test_a_dump_restored_into_a_new_cluster_serves_takes_writes_and_projects_them(
    source: str, tmp_path: Path
) -> None:
    """After a restore the clock is behind; migrate_all aligns it; writes land above, project."""
    with cluster(like_url=source) as fresh:
        url = restore(source, fresh, tmp_path)
        engine = create_engine(sqlalchemy_url(url))
        stored = top_position(engine)
        assert clock_base(engine) < stored, "precondition: the new cluster's xids start lower"

        migrated = manage(url, "migrate_all", "--no-progress")
        assert "position clock: aligned" in migrated.stdout
        assert clock_offset(engine) > 0 and clock_base(engine) > stored

        store = EventStore(engine)
        results = [
            store.append(uuid.uuid4(), "story", [NewEvent("noted", {"n": n})], expected_version=ANY)
            for n in range(5)
        ]
        new_positions = [result.positions[0] for result in results]
        assert min(new_positions) > stored
        everything = store.read_all(after=0, limit=100_000)
        assert [event.position for event in everything] == sorted(
            event.position for event in everything
        )
        assert {event.position for event in everything} >= set(new_positions)

        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_projector", "--no-progress"],
            cwd=ROOT,
            env={
                **os.environ,
                "DATABASE_URL": url,
                "DJANGO_SETTINGS_MODULE": "tracker.settings",
                "SECRET_KEY": "restore-test-secret-key-" + "z" * 32,
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            while _checkpoint(url) < max(new_positions):
                assert time.monotonic() < deadline, "the projector never reached the new writes"
                time.sleep(0.2)
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(30)
        assert manage(url, "verify_projections", "--no-progress", check=False).returncode == 0
        assert manage(url, "verify_store", "--no-progress", check=False).returncode == 0
        engine.dispose()


def _checkpoint(url: str) -> int:
    """Return the stories projection's checkpoint in the database at `url`."""
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT position FROM projections_checkpoint WHERE name = 'stories'"
        ).fetchone()
        return int(row[0]) if row else 0


def test_alignment_changes_nothing_when_the_clock_is_ahead(engine: Engine) -> None:
    """On a cluster that never moved, aligning keeps the offset and costs nothing."""
    before = clock_offset(engine)
    assert align_positions(engine) == before


def test_a_store_connection_opened_after_a_restore_aligns_the_clock(
    source: str, tmp_path: Path
) -> None:
    """With no migrate_all after the restore, the store's first connection aligns the clock."""
    with cluster(like_url=source) as fresh:
        url = restore(source, fresh, tmp_path)
        engine = create_engine(sqlalchemy_url(url))
        stored = top_position(engine)
        assert clock_base(engine) < stored
        store = EventStore(create_engine(sqlalchemy_url(url)))
        result = store.append(uuid.uuid4(), "story", [NewEvent("noted", {})], expected_version=ANY)
        assert result.positions[0] > stored
        store.engine.dispose()
        engine.dispose()
