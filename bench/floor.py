"""The floor: a framework-free WSGI app that makes one pooled `SELECT 1` and returns fixed bytes.

`bench/api.py` serves it under the same granian WSGI command as the tracker (same workers,
same threads), with the story document the tracker answers, so the ratio of the two measures
what the tracker adds over the server, the database round trip and the bytes themselves.
BENCH_FLOOR_DSN names the database (libpq URL), BENCH_FLOOR_BODY the file of the answer.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from psycopg_pool import ConnectionPool

BODY = Path(os.environ["BENCH_FLOOR_BODY"]).read_bytes()
HEADERS = [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]
# The pool the tracker's workers use: psycopg_pool, 2 to TRACKER_DB_POOL_SIZE (16) connections.
pool = ConnectionPool(
    os.environ["BENCH_FLOOR_DSN"],
    min_size=2,
    max_size=int(os.environ.get("TRACKER_DB_POOL_SIZE", "16")),
    open=True,
)


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """Answer any request with the story's bytes after one pooled `SELECT 1`."""
    with pool.connection() as connection:
        connection.execute("SELECT 1").fetchone()
    start_response("200 OK", HEADERS)
    return [BODY]
