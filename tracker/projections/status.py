"""How the projection is doing: position, lag in events and seconds, leader, stuck streams."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tracker.eventstore import EventStore
from tracker.projections import failures, heartbeat
from tracker.projections.models import Checkpoint, StoryView
from tracker.projections.projector import PROJECTION

LAG_COUNTED = 10_000  # lag is counted in events up to this many


def projection_state(store: EventStore, *, stall_seconds: float) -> dict[str, Any]:
    """Return the projection's position and lag, whether it stalled, its leader, stuck streams.

    It has stalled when events wait and it has not moved for `stall_seconds` since they began
    to wait (since the later of its last move and the oldest waiting event's recording).
    """
    head = store.last_position()
    checkpoint = Checkpoint.objects.filter(name=PROJECTION).first()
    position = checkpoint.position if checkpoint else 0
    lag, oldest = store.waiting(position, limit=LAG_COUNTED)
    now = timezone.now()
    lag_seconds = (now - oldest).total_seconds() if oldest is not None else 0.0
    moved_at = checkpoint.updated_at if checkpoint else None
    waiting_since = max(filter(None, [moved_at, oldest])) if oldest is not None else None
    stalled = waiting_since is not None and (now - waiting_since).total_seconds() > stall_seconds
    projection = {
        "name": PROJECTION,
        "position": position,
        "head": head,
        "lag": lag,
        "lag_seconds": round(max(lag_seconds, 0.0), 3),
        "events_applied": checkpoint.events_applied if checkpoint else 0,
        "moved_at": moved_at,
        "stalled": stalled,
    }
    return {"projection": projection, "projector": leader(), "stuck": stuck_streams()}


def leader() -> dict[str, Any]:
    """Return whether a projector leads and is alive, which one, and its heartbeat's age."""
    pulse = heartbeat.pulse(PROJECTION)
    if pulse is None:
        return {"alive": False, "worker": None, "leading_since": None, "heartbeat_age": None}
    return {
        "alive": pulse.alive,
        "worker": pulse.worker,
        "leading_since": pulse.leading_since,
        "heartbeat_age": round(pulse.age_seconds, 3),
    }


def stuck_streams() -> list[dict[str, Any]]:
    """Return the streams stuck at a failure, with the slug of each stuck story."""
    found = failures.stuck()
    slugs = dict(
        StoryView.objects.filter(story_id__in=[f.stream_id for f in found]).values_list(
            "story_id", "slug"
        )
    )
    return [
        {
            "stream_id": failure.stream_id,
            "stream_type": failure.stream_type,
            "slug": slugs.get(failure.stream_id),
            "event_id": failure.event_id,
            "position": failure.position,
            "version": failure.version,
            "good_version": failure.good_version,
            "first_seen": failure.first_seen,
            "last_seen": failure.last_seen,
            "attempts": failure.attempts,
        }
        for failure in found
    ]


def stale_marker(story_id: Any) -> dict[str, Any] | None:
    """Return the `stale` marker of a story stuck at a failure (None when it is not stuck)."""
    failure = failures.stuck_one(story_id)
    return marker(failure) if failure is not None else None


def marker(failure: Any) -> dict[str, Any]:
    """Return the `stale` marker a stuck story's state carries."""
    return {
        "version": failure.good_version,
        "event_id": str(failure.event_id) if failure.event_id else None,
        "position": failure.position,
        "since": failure.first_seen.isoformat(),
    }
