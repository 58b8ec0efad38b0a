"""Names of the event types, their streams, and the current schema version of each."""

from __future__ import annotations

from tracker.domain.developments import DEVELOPMENT_MODELS

STORY_OPENED = "story_opened"
STORY_RETITLED = "story_retitled"
STORY_STATUS_CHANGED = "story_status_changed"
DEVELOPMENT_CORRECTED = "development_corrected"
DEVELOPMENT_RETRACTED = "development_retracted"
ACTOR_REGISTERED = "actor_registered"
ACTOR_ALIAS_ADDED = "actor_alias_added"
ACTOR_MERGED = "actor_merged"

DEVELOPMENT_TYPES: tuple[str, ...] = tuple(sorted(DEVELOPMENT_MODELS))
STORY_EVENT_TYPES: frozenset[str] = frozenset(
    {
        STORY_OPENED,
        STORY_RETITLED,
        STORY_STATUS_CHANGED,
        DEVELOPMENT_CORRECTED,
        DEVELOPMENT_RETRACTED,
        *DEVELOPMENT_TYPES,
    }
)
ACTOR_EVENT_TYPES: frozenset[str] = frozenset({ACTOR_REGISTERED, ACTOR_ALIAS_ADDED, ACTOR_MERGED})

#: The schema version new events are written with; older ones are upcast on read.
#: statement v2 renamed `text` to `content` (see upcasting.py).
CURRENT_SCHEMA_VERSIONS: dict[str, int] = {
    name: 1 for name in (*STORY_EVENT_TYPES, *ACTOR_EVENT_TYPES)
} | {"statement": 2}


def schema_version_of(event_type: str) -> int:
    """Return the schema version that new events of this type are written with."""
    return CURRENT_SCHEMA_VERSIONS.get(event_type, 1)
