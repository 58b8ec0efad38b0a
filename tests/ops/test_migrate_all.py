"""migrate_all on a new database: processes started together take turns and all succeed."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import psycopg
import pytest
from sqlalchemy import make_url

from tests.projections.support import ROOT, database_url
from tracker.eventstore import migrate

pytestmark = pytest.mark.django_db


def test_two_processes_migrating_a_new_database_at_once_both_succeed() -> None:
    """Like the web and projector services starting together on an empty server."""
    server = migrate.libpq_url(database_url())
    name = f"fresh_{uuid.uuid4().hex[:12]}"
    fresh_url = make_url(database_url()).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        env = {
            **os.environ,
            "DATABASE_URL": fresh_url,
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            "SECRET_KEY": "migrate-secret-key-" + "z" * 32,
        }
        command = [sys.executable, "manage.py", "migrate_all", "--no-progress", "-v", "0"]
        processes = [
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
                             stderr=subprocess.STDOUT)
            for _ in range(2)
        ]  # fmt: skip
        outputs = [process.communicate(timeout=300)[0] for process in processes]
        assert [process.returncode for process in processes] == [0, 0], outputs
        with psycopg.connect(migrate.libpq_url(fresh_url)) as fresh:
            tables = fresh.execute("SELECT count(*) FROM pg_tables WHERE tablename = ANY(%s)",
                                   [["events", "projections_storyview"]]).fetchone()  # fmt: skip
            assert tables == (2,)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
