"""GET /health (database and projections) and GET /ping (the framework's ceiling, for bench)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from tracker.services.selectors import projection_status

logger = logging.getLogger(__name__)
router = Router(tags=["health"])


class ProjectionOut(Schema):
    """How far one projection has applied the global stream."""

    name: str
    position: int
    head: int | None = None
    lag: int | None = None
    events_applied: int | None = None


class HealthOut(Schema):
    """Whether the database answers, and each projection's position and lag."""

    status: str
    database: str
    projections: list[ProjectionOut] = []


class PingOut(Schema):
    """The smallest answer the API gives."""

    ping: str


def health_report() -> tuple[bool, dict[str, Any]]:
    """Return whether the tracker is healthy, and its report."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "down"
        logger.exception("health check: the database does not answer")
        return False, {"status": "degraded", "database": "unavailable", "projections": []}
    try:
        projections = projection_status()
    except Exception:  # the projections are not readable: report, do not fail the probe
        logger.exception("health check: cannot read the projections' status")
        projections = []
    return True, {"status": "ok", "database": "ok", "projections": projections}


@router.get("/health", response={200: HealthOut, 503: HealthOut})
def health(request: HttpRequest) -> Status[dict[str, Any]]:
    """Report whether the database answers, and how far each projection got."""
    healthy, report = health_report()
    return Status(200 if healthy else 503, report)


@router.get("/ping", response=PingOut, include_in_schema=False)
def ping(request: HttpRequest) -> dict[str, str]:
    """Answer at once, touching nothing: the framework's own cost, for the benchmark."""
    return {"ping": "pong"}
