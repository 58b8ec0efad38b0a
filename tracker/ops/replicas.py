"""Choose the streaming replica a read goes to: up, not far behind, at the read's position.

Each replica is a `replica_N` entry of DATABASES (from DATABASE_REPLICA_URLS). A process
probes a replica at most once per `CHECK_SECONDS`: it must be a standby (in recovery), and
its replay must not be more than TRACKER_REPLICA_MAX_LAG_SECONDS behind what it received.
The probe also reads the replica's projection checkpoint: the read models there reflect
every event up to that position (rows and checkpoint commit in one transaction, and a
standby replays whole transactions). Checkpoints only grow, so the last one seen is a lower
bound: a read that must show position P takes a replica known at P or beyond at once, waits
up to TRACKER_REPLICA_WAIT_MS for one to replay that far, and otherwise reads the primary.
A replica that fails to answer is left alone for TRACKER_REPLICA_RETRY_SECONDS.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import random
import threading
import time
from dataclasses import dataclass, field

import psycopg
from django.conf import settings
from django.db import connections, utils

log = logging.getLogger(__name__)

PRIMARY = "default"
PREFIX = "replica_"
CHECK_SECONDS = 1.0  # how long a probe's verdict holds
POLL_SECONDS = 0.01  # how often a read waiting for a position asks again
#: What a lost, refused or cancelled replica query raises (a recovery conflict cancels too).
DATABASE_ERRORS: tuple[type[Exception], ...] = (
    utils.OperationalError,
    utils.InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
)
# Replay lag in seconds: 0 when the standby replayed all it received, else the age of the
# last transaction it replayed (unknown right after a start: counted as 0).
PROBE_SQL = """SELECT pg_is_in_recovery(),
    CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
    ELSE coalesce(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 0)
    END::float8,
    (SELECT position FROM projections_checkpoint WHERE name = %s)"""
POSITION_SQL = "SELECT position FROM projections_checkpoint WHERE name = %s"


@dataclass
class Standby:
    """What this process knows of one replica."""

    alias: str
    usable: bool = False
    checked_at: float = float("-inf")
    down_until: float = 0.0
    position: int = 0  # the projection checkpoint last seen there
    probing: threading.Lock = field(default_factory=threading.Lock)


_standbys: dict[str, Standby] = {}
_lock = threading.Lock()


@functools.cache
def aliases() -> tuple[str, ...]:
    """Return the DATABASES aliases of the replicas (none without DATABASE_REPLICA_URLS)."""
    return tuple(alias for alias in settings.DATABASES if alias.startswith(PREFIX))


def choose(floor: int = 0) -> str:
    """Return the alias to read from: a usable replica at `floor` or beyond, else the primary."""
    candidates = [standby for standby in _known() if _usable(standby)]
    ready = [standby for standby in candidates if standby.position >= floor]
    if ready:
        return random.choice(ready).alias
    deadline = time.monotonic() + settings.TRACKER_REPLICA_WAIT_SECONDS
    while candidates:
        for standby in candidates:
            if _position(standby) >= floor:
                return standby.alias
        if time.monotonic() >= deadline:
            break
        time.sleep(POLL_SECONDS)
        candidates = [standby for standby in candidates if standby.usable]
    return PRIMARY


def failed(alias: str, error: BaseException | None = None) -> None:
    """Leave a replica alone for a while after it failed; close this thread's connection to it."""
    standby = _standby(alias)
    standby.usable = False
    standby.down_until = time.monotonic() + settings.TRACKER_REPLICA_RETRY_SECONDS
    seconds = settings.TRACKER_REPLICA_RETRY_SECONDS
    log.warning("replica %s does not answer, skipped for %s s: %s", alias, seconds, error)
    with contextlib.suppress(Exception):  # a broken connection may fail to close cleanly
        connections[alias].close()


def _known() -> list[Standby]:
    return [_standby(alias) for alias in aliases()]


def _standby(alias: str) -> Standby:
    with _lock:
        return _standbys.setdefault(alias, Standby(alias))


def _usable(standby: Standby) -> bool:
    """Return whether the replica may answer reads, probing it when the last verdict is old."""
    now = time.monotonic()
    if now < standby.down_until:
        return False
    if now - standby.checked_at < CHECK_SECONDS or not standby.probing.acquire(blocking=False):
        return standby.usable  # fresh, or another thread is asking it right now
    try:
        _probe(standby)
    finally:
        standby.probing.release()
    return standby.usable


def _probe(standby: Standby) -> None:
    """Ask the replica whether it is a standby, how far behind it replays and its checkpoint."""
    from tracker.projections.checkpoint import PROJECTION

    try:
        with connections[standby.alias].cursor() as cursor:
            cursor.execute(PROBE_SQL, [PROJECTION])
            recovering, lag, position = cursor.fetchone()
    except DATABASE_ERRORS as error:
        failed(standby.alias, error)
        return
    first, was_usable = standby.checked_at == float("-inf"), standby.usable
    standby.checked_at = time.monotonic()
    standby.position = position or 0
    standby.usable = bool(recovering) and lag <= settings.TRACKER_REPLICA_MAX_LAG_SECONDS
    if not standby.usable and (first or was_usable):  # once per fall, not once per probe
        why = "is not a standby" if not recovering else f"replays {lag:.1f} s behind"
        log.warning("replica %s skipped: it %s", standby.alias, why)


def _position(standby: Standby) -> int:
    """Return the replica's projection checkpoint now (-1 when it cannot be asked)."""
    from tracker.projections.checkpoint import PROJECTION

    try:
        with connections[standby.alias].cursor() as cursor:
            cursor.execute(POSITION_SQL, [PROJECTION])
            row = cursor.fetchone()
    except DATABASE_ERRORS as error:
        failed(standby.alias, error)
        return -1
    standby.position = row[0] if row else 0
    return standby.position
