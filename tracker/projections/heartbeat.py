"""The leading projector's heartbeat: a row it updates every few seconds while it leads."""

from __future__ import annotations

import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

BEAT_SECONDS = 2.0  # how often the leader updates its row
ALIVE_SECONDS = 10.0  # a row older than this means no projector is alive and leading


def worker_name() -> str:
    """Return this worker's name: host, process and thread."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"


class Heart:
    """Beats for one leader: at once when it starts leading, then every BEAT_SECONDS."""

    def __init__(self, projection: str, every: float = BEAT_SECONDS) -> None:
        self.projection, self.every = projection, every
        self.worker = worker_name()
        self.last = 0.0

    def lead(self) -> None:
        """Say this worker leads from now on."""
        self.last = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO projections_projectorheartbeat (name, worker, leading_since, beat_at)"
                " VALUES (%s, %s, clock_timestamp(), clock_timestamp()) ON CONFLICT (name) DO "
                "UPDATE SET worker = EXCLUDED.worker, leading_since = EXCLUDED.leading_since, "
                "beat_at = EXCLUDED.beat_at",
                [self.projection, self.worker],
            )

    def beat(self) -> None:
        """Update the row if the last beat is older than the interval."""
        if time.monotonic() - self.last < self.every:
            return
        self.last = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE projections_projectorheartbeat SET beat_at = clock_timestamp() "
                "WHERE name = %s AND worker = %s",
                [self.projection, self.worker],
            )
            if cursor.rowcount == 0:  # another worker took the row over meanwhile: say so again
                self.lead()


@dataclass(frozen=True)
class Pulse:
    """The leader's last heartbeat as read back: who, since when, how long ago."""

    worker: str
    leading_since: datetime
    beat_at: datetime
    age_seconds: float

    @property
    def alive(self) -> bool:
        """Return whether the leader beat recently enough to be alive."""
        return self.age_seconds < ALIVE_SECONDS


def pulse(projection: str) -> Pulse | None:
    """Return the projection's last heartbeat, or None if no worker ever led it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT worker, leading_since, beat_at, "
            "extract(epoch FROM clock_timestamp() - beat_at)::float8 "
            "FROM projections_projectorheartbeat WHERE name = %s",
            [projection],
        )
        row = cursor.fetchone()
    return Pulse(row[0], row[1], row[2], max(0.0, float(row[3]))) if row else None
