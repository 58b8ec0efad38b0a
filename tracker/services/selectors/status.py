"""Report how far the projection is behind the store, its leader and its stuck streams."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from tracker.projections.status import projection_state
from tracker.services import streams


def projection_health() -> dict[str, Any]:
    """Return the projection's position and lag, whether it stalled, its leader, stuck streams."""
    return projection_state(
        streams.store(), stall_seconds=settings.TRACKER_PROJECTION_STALL_SECONDS
    )


def projection_status() -> list[dict[str, Any]]:
    """Return each projection's position, events applied and lag behind the store's head."""
    return [projection_health()["projection"]]
