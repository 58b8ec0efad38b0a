"""Replay a story as of a version, as known at a time, or as it had happened by a time.

Each is the one `fold` over a filtered stream, so a replay and the live projection cannot
disagree about what an event means.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from tracker.domain.envelope import RecordedEvent
from tracker.domain.event_types import (
    DEVELOPMENT_CORRECTED,
    DEVELOPMENT_RETRACTED,
    DEVELOPMENT_TYPES,
    STORY_OPENED,
    STORY_RETITLED,
)
from tracker.domain.state import StoryState
from tracker.domain.story_fold import fold
from tracker.domain.timeparse import parse_occurred_at

_DEVELOPMENTS = frozenset(DEVELOPMENT_TYPES)
_AMENDMENTS = frozenset({DEVELOPMENT_CORRECTED, DEVELOPMENT_RETRACTED})
_ALWAYS = frozenset({STORY_OPENED, STORY_RETITLED})


def state_at_version(events: Iterable[RecordedEvent], version: int) -> StoryState:
    """Return the state of a story after its first `version` events."""
    return fold(e for e in events if e.version <= version)


def state_as_known_at(events: Iterable[RecordedEvent], moment: datetime) -> StoryState:
    """Return what the store knew of a story at `moment` (events recorded by then)."""
    return fold(e for e in events if e.recorded_at <= moment)


def state_as_happened_by(events: Iterable[RecordedEvent], moment: datetime) -> StoryState:
    """Return what had happened by `moment`, as known now.

    A development is included when it occurred by then (its occurred_at as last corrected;
    without one, when it was reported, else recorded). Corrections and retractions apply when
    their target is included, whenever they were made. Opening and titles are editorial and
    always apply; status changes apply when they were recorded by then.
    """
    ordered = list(events)
    happened = _corrected_occurrence(ordered)
    included: set[str] = set()
    chosen: list[RecordedEvent] = []
    for event in ordered:
        if event.event_type in _DEVELOPMENTS:
            when = happened.get(event.event_id, event.occurred_at)
            when = when or event.reported_at or event.recorded_at
            if when <= moment:
                included.add(str(event.event_id))
                chosen.append(event)
        elif event.event_type in _AMENDMENTS:
            if str(event.data.get("target")) in included:
                chosen.append(event)
        elif event.event_type in _ALWAYS or event.recorded_at <= moment:
            chosen.append(event)
    return fold(chosen)


def _corrected_occurrence(events: list[RecordedEvent]) -> dict[UUID, datetime | None]:
    """Return the occurred_at of each development whose occurred_at a correction changed."""
    out: dict[UUID, datetime | None] = {}
    for event in events:
        if event.event_type != DEVELOPMENT_CORRECTED:
            continue
        changes = event.data.get("changes")
        if not isinstance(changes, dict) or "occurred_at" not in changes:
            continue
        try:
            target = UUID(str(event.data.get("target")))
            value = changes["occurred_at"]
            out[target] = parse_occurred_at(value)[0] if value else None
        except (TypeError, ValueError, AttributeError):
            continue
    return out
