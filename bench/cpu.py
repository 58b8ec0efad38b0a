"""CPU time a served phase cost: the server's processes (by port) and PostgreSQL's sessions.

On a shared machine the request rates of one phase and the next move with everything else
running; the CPU each request cost (user + system, from /proc) moves far less, so
bench/api.py reports it beside the rates: `app_us` for the server's processes, `pg_us` for
the database sessions, per request answered.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg

TICKS = os.sysconf("SC_CLK_TCK")
SESSIONS_SQL = """SELECT pid FROM pg_stat_activity
WHERE datname = current_database() AND backend_type = 'client backend'
  AND pid <> pg_backend_pid()"""


def _processes() -> Iterator[tuple[int, int, float, str]]:
    """Yield (pid, session id, CPU seconds, command line) of every process this user may read."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (
                (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            )
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        yield int(entry.name), int(fields[3]), (int(fields[11]) + int(fields[12])) / TICKS, command


def server_sessions(port: int) -> set[int]:
    """Return the session ids of the processes started with `--port PORT` (and their workers)."""
    return {sid for _, sid, _, command in _processes() if f"--port {port}" in command}


def sessions_cpu(sessions: set[int]) -> float:
    """Return the CPU seconds the processes of these sessions used so far (the living ones)."""
    return sum(cpu for _, sid, cpu, _ in _processes() if sid in sessions)


def pids_cpu(pids: set[int]) -> float:
    """Return the CPU seconds these processes used so far."""
    return sum(cpu for pid, _, cpu, _ in _processes() if pid in pids)


@contextmanager
def measured(sessions: set[int], database: psycopg.Connection[Any]) -> Iterator[dict[str, float]]:
    """Measure the CPU seconds the server's sessions and the database's sessions use inside.

    Yields a dict filled at the end with `app_s` and `pg_s`. The database's sessions are read
    from `pg_stat_activity` of `database` before and after (pooled sessions live on).
    """
    found: dict[str, float] = {}
    pids = {row[0] for row in database.execute(SESSIONS_SQL)}
    app0, pg0 = sessions_cpu(sessions), pids_cpu(pids)
    yield found
    pids |= {row[0] for row in database.execute(SESSIONS_SQL)}
    found["app_s"] = sessions_cpu(sessions) - app0
    found["pg_s"] = pids_cpu(pids) - pg0


def per_request(
    phase: Callable[[], dict[str, Any]], sessions: set[int], database: psycopg.Connection[Any]
) -> dict[str, Any]:
    """Run a wrk phase; add the server's and PostgreSQL's CPU per request (µs) to its figures."""
    with measured(sessions, database) as used:
        found = phase()
    answered = max(found["requests"], 1)
    found["app_us"] = used["app_s"] / answered * 1e6
    found["pg_us"] = used["pg_s"] / answered * 1e6
    return found
