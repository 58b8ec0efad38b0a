"""Selectors: every read the API and the admin make, from the read models or by replay."""

from tracker.services.selectors.actors import actor_get, actor_list
from tracker.services.selectors.events import (
    event_envelope,
    events_feed,
    story_changes,
    story_events,
)
from tracker.services.selectors.status import projection_health, projection_status
from tracker.services.selectors.stories import (
    story_get,
    story_get_json,
    story_list,
    story_timeline,
)

__all__ = [
    "actor_get",
    "actor_list",
    "event_envelope",
    "events_feed",
    "projection_health",
    "projection_status",
    "story_changes",
    "story_events",
    "story_get",
    "story_get_json",
    "story_list",
    "story_timeline",
]
