"""A scratch database on the project's server for a bench that runs the tracker in-process."""

from __future__ import annotations

import os
import secrets
from urllib.parse import urlsplit

import psycopg


def scratch_setup(name: str, url: str | None, *, reuse: bool = False) -> str:
    """Create database `name` (kept if `reuse` finds it), point Django at it; return the base.

    The base URL is the server's database the scratch one was created from (to drop it later).
    """
    from tracker import config
    from tracker.eventstore import migrate

    base = migrate.libpq_url(url or config.database_url())
    with psycopg.connect(base, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not (reuse and exists):
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {name}")
    os.environ["DATABASE_URL"] = urlsplit(base)._replace(path=f"/{name}").geturl()
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
    return base


def scratch_drop(name: str, base: str) -> None:
    """Close the tracker's connections and drop the scratch database `name`."""
    from django.db import connections

    from tracker.eventstore import close_all

    close_all()
    connections.close_all()
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
