"""Report how far each projection is behind the store."""

from __future__ import annotations

from typing import Any

from tracker.projections.models import Checkpoint
from tracker.projections.projector import PROJECTION
from tracker.services import streams

LAG_COUNTED = 10_000  # lag is counted in events up to this many


def projection_status() -> list[dict[str, Any]]:
    """Return each projection's position, events applied and lag behind the store's head."""
    store = streams.store()
    head = store.last_position()
    checkpoint = Checkpoint.objects.filter(name=PROJECTION).first()
    position = checkpoint.position if checkpoint else 0
    return [
        {
            "name": PROJECTION,
            "position": position,
            "head": head,
            "lag": len(store.read_all(after=position, limit=LAG_COUNTED)),
            "events_applied": checkpoint.events_applied if checkpoint else 0,
        }
    ]
