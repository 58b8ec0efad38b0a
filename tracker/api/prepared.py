"""Statements the hot read path runs as server-side prepared statements, planned once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import psycopg

# A threshold no statement reaches: psycopg prepares only what `prepare=True` asks for.
ONLY_WHEN_ASKED = 1 << 30


def prepared_run(conn: psycopg.Connection[Any], sql: str, params: Any) -> Sequence[Sequence[Any]]:
    """Run a statement prepared on the server: planned on a connection's first use only.

    Django's connections prepare nothing (prepare_threshold None, client-side binding), so
    the fast path's statements were planned on every read, which cost PostgreSQL more than
    running them. The connection may then prepare what is asked explicitly, and only that:
    Django's own statements on it are never prepared.
    """
    if conn.prepare_threshold is None:
        conn.prepare_threshold = ONLY_WHEN_ASKED
    with psycopg.Cursor(conn) as cursor:
        return cursor.execute(sql, params, prepare=True).fetchall()
