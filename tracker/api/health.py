"""GET /health (database, projection lag, leader, stuck stories) and GET /ping (for bench)."""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.responses import Status

from tracker.api import unavailable
from tracker.services.selectors import projection_health

logger = logging.getLogger(__name__)
router = Router(tags=["health"])


class ProjectionOut(Schema):
    """How far one projection has applied the global stream, and how long events have waited."""

    name: str
    position: int
    head: int | None = None
    lag: int | None = None
    lag_seconds: float | None = None
    events_applied: int | None = None
    moved_at: datetime | None = None
    stalled: bool = False


class ProjectorOut(Schema):
    """The leading projector worker: whether it is alive, which one, its heartbeat's age (s)."""

    alive: bool
    worker: str | None = None
    leading_since: datetime | None = None
    heartbeat_age: float | None = None


class StuckOut(Schema):
    """A stream the projector stopped at: its read model stays at `good_version`."""

    stream_id: UUID
    stream_type: str
    slug: str | None = None
    event_id: UUID | None = None
    position: int
    version: int
    good_version: int
    first_seen: datetime
    last_seen: datetime
    attempts: int


class HealthOut(Schema):
    """Whether the database answers, the projection's position and lag, its leader, stuck streams.

    `status` is `ok`, `degraded` (streams are stuck, or the database does not answer) or
    `stalled` (events have waited longer than TRACKER_PROJECTION_STALL_SECONDS without the
    projection moving); the last two of these answer 503 with the database down or stalled.
    """

    status: str
    database: str
    code: str | None = None
    detail: str | None = None
    projections: list[ProjectionOut] = []
    projector: ProjectorOut | None = None
    stuck: list[StuckOut] = []


class PingOut(Schema):
    """The smallest answer the API gives."""

    ping: str


def health_report() -> tuple[bool, dict[str, Any]]:
    """Return whether the tracker is healthy (database answers, projection not stalled), and how."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "down"
        logger.exception("health check: the database does not answer")
        down = {"code": unavailable.CODE, "detail": unavailable.DETAIL}
        return False, {"status": "degraded", "database": "unavailable", **down, "projections": []}
    try:
        state = projection_health()
    except Exception:  # the projections are not readable: report, do not fail the probe
        logger.exception("health check: cannot read the projections' status")
        return True, {"status": "ok", "database": "ok", "projections": []}
    stalled = state["projection"]["stalled"]
    status = "stalled" if stalled else "degraded" if state["stuck"] else "ok"
    report = {
        "status": status,
        "database": "ok",
        "projections": [state["projection"]],
        "projector": state["projector"],
        "stuck": state["stuck"],
    }
    return not stalled, report


_recent_lock = threading.Lock()
_recent: tuple[float, tuple[bool, dict[str, Any]]] | None = None


def recent_health_report() -> tuple[bool, dict[str, Any]]:
    """Return `health_report`, or the one made less than TRACKER_HEALTH_CACHE_MS ago.

    A burst of probes (load balancers, monitors, a stream process with thousands of clients)
    then costs the database one report per interval, not one per probe.
    """
    global _recent
    fresh_for = settings.TRACKER_HEALTH_CACHE_MS / 1000
    with _recent_lock:
        recent = _recent
    if recent is not None and time.monotonic() - recent[0] < fresh_for:
        return recent[1]
    started = time.monotonic()
    report = health_report()
    with _recent_lock:
        _recent = (started, report)
    return report


@router.get("/health", response={200: HealthOut, 503: HealthOut})
def health(request: HttpRequest, response: HttpResponse) -> Status[dict[str, Any]]:
    """Report the database, the projection's lag, its leader and stuck stories.

    503 when the database does not answer, or when events have waited longer than
    TRACKER_PROJECTION_STALL_SECONDS without the projection moving. A report made less than
    TRACKER_HEALTH_CACHE_MS (250) ago answers again.
    """
    healthy, report = recent_health_report()
    if report["database"] != "ok":  # 503 database_unavailable, as every endpoint answers then
        response["Retry-After"] = str(unavailable.RETRY_AFTER_SECONDS)
    return Status(200 if healthy else 503, report)


@router.get("/ping", response=PingOut, include_in_schema=False)
def ping(request: HttpRequest) -> dict[str, str]:
    """Answer at once, touching nothing: the framework's own cost, for the benchmark."""
    return {"ping": "pong"}
