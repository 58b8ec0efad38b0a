"""The decision to record a development in a story."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from tracker.domain.envelope import STORY_STREAM, PendingEvent
from tracker.domain.event_types import schema_version_of
from tracker.domain.references import (
    ActorResolution,
    Exists,
    Near,
    Resolver,
    check_references,
    require_story,
)
from tracker.domain.registry import parse_development
from tracker.domain.state import StoryState
from tracker.domain.timeparse import parse_occurred_at, parse_timestamp


def decide_record_development(
    *,
    story: StoryState | None,
    development: Mapping[str, Any],
    event_id: UUID,
    resolve_actor: Resolver,
    actor_exists: Exists,
    near_actors: Near | None = None,
) -> list[PendingEvent]:
    """Record a development; unknown actor names come back as `actor_registered` events first.

    `resolve_actor(name)` returns the actor that has the name or alias (or None);
    `actor_exists(id)` says whether an actor id is registered; `near_actors(name)` lists the
    actors whose names are close to a name no actor has, which refuses that name with
    AmbiguousActor unless its reference says `"new": true`. The returned list holds the
    registrations (each on its own actor stream, expected version 0) and then the development
    on the story stream; the service appends them in one transaction.
    """
    current = require_story(story)
    model = parse_development(development)
    target_type = check_references(current, model)
    resolution = ActorResolution(
        resolve_actor=resolve_actor,
        actor_exists=actor_exists,
        event_id=event_id,
        near_actors=near_actors,
    )
    data = resolution.stored(model, target_type)
    assert current.id is not None
    return [
        *resolution.registrations.values(),
        development_event(current.id, event_id, model.type, data),
    ]


def development_event(
    story_id: UUID, event_id: UUID, type_name: str, data: dict[str, Any]
) -> PendingEvent:
    """Return the pending event of a development with its times lifted into the envelope."""
    occurred, precision = (
        parse_occurred_at(data["occurred_at"]) if data.get("occurred_at") else (None, None)
    )
    reported = parse_timestamp(data["reported_at"]) if data.get("reported_at") else None
    return PendingEvent(
        stream_id=story_id,
        stream_type=STORY_STREAM,
        event_id=event_id,
        event_type=type_name,
        data=data,
        schema_version=schema_version_of(type_name),
        occurred_at=occurred,
        occurred_precision=precision,
        reported_at=reported,
    )
