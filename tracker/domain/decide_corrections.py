"""Decisions that correct or retract a development; events are never edited."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from tracker.domain.developments import DEVELOPMENT_MODELS
from tracker.domain.envelope import STORY_STREAM, PendingEvent
from tracker.domain.errors import (
    DevelopmentNotFound,
    DevelopmentRetracted,
    FieldError,
    InvalidCorrection,
    NothingToChange,
)
from tracker.domain.event_types import (
    DEVELOPMENT_CORRECTED,
    DEVELOPMENT_RETRACTED,
    schema_version_of,
)
from tracker.domain.lifecycle import CorrectionIn, RetractionIn
from tracker.domain.references import (
    ActorResolution,
    Exists,
    Near,
    Resolver,
    check_references,
    require_story,
    stored_to_input,
)
from tracker.domain.state import DevelopmentRecord, StoryState
from tracker.domain.validation import field_errors, validate

_UNCHANGEABLE = frozenset({"type"})


def _live_target(story: StoryState, target: object) -> DevelopmentRecord:
    try:
        record = story.developments.get(UUID(str(target)))
    except ValueError:
        record = None
    if record is None:
        raise DevelopmentNotFound(f"{target} is not a development of this story")
    if record.retracted:
        raise DevelopmentRetracted(f"development {target} was retracted; it cannot change")
    return record


def _story_event(
    story: StoryState, event_id: UUID, event_type: str, data: dict[str, Any]
) -> PendingEvent:
    assert story.id is not None
    return PendingEvent(
        stream_id=story.id,
        stream_type=STORY_STREAM,
        event_id=event_id,
        event_type=event_type,
        data=data,
        schema_version=schema_version_of(event_type),
    )


def decide_correct_development(
    *,
    story: StoryState | None,
    target: UUID,
    changes: Mapping[str, Any],
    reason: object,
    event_id: UUID,
    resolve_actor: Resolver,
    actor_exists: Exists,
    near_actors: Near | None = None,
    source: Mapping[str, Any] | None = None,
) -> list[PendingEvent]:
    """Correct fields of a development; the merged result must fit the development's type."""
    current = require_story(story)
    record = _live_target(current, target)
    body = validate(
        CorrectionIn, {"target": target, "changes": changes, "reason": reason, "source": source}
    )
    model_type = DEVELOPMENT_MODELS[record.type]
    fields = sorted(set(model_type.model_fields) - _UNCHANGEABLE)
    unknown: list[FieldError] = [
        {"field": key, "message": f"is not a field of a {record.type}; fields: {', '.join(fields)}"}
        for key in body.changes
        if key not in fields
    ]
    if unknown:
        raise InvalidCorrection(unknown, prefix="changes do not fit the development: ")
    merged = stored_to_input(record.type, record.data) | dict(body.changes)
    try:
        model = model_type.model_validate(merged)
    except ValidationError as exc:
        errors = field_errors(exc, model_type)
        raise InvalidCorrection(errors, prefix="changes do not fit the development: ") from None
    target_type = check_references(current, model)
    resolution = ActorResolution(
        resolve_actor=resolve_actor,
        actor_exists=actor_exists,
        event_id=event_id,
        near_actors=near_actors,
    )
    new = resolution.stored(model, target_type)
    diff = {
        key: new.get(key)
        for key in sorted(set(new) | set(record.data))
        if new.get(key) != record.data.get(key)
    }
    if not diff:
        raise NothingToChange("the changes leave the development as it is")
    data = {
        "target": str(record.event_id),
        "changes": diff,
        "reason": body.reason,
    }
    if body.source is not None:
        data["source"] = body.source.model_dump(mode="json", exclude_none=True)
    event = _story_event(current, event_id, DEVELOPMENT_CORRECTED, data)
    return [*resolution.registrations.values(), event]


def decide_retract_development(
    *,
    story: StoryState | None,
    target: UUID,
    reason: object,
    event_id: UUID,
    source: Mapping[str, Any] | None = None,
) -> list[PendingEvent]:
    """Retract a development: it leaves the state but stays in the timeline, marked."""
    current = require_story(story)
    record = _live_target(current, target)
    body = validate(RetractionIn, {"target": target, "reason": reason, "source": source})
    data: dict[str, Any] = {"target": str(record.event_id), "reason": body.reason}
    if body.source is not None:
        data["source"] = body.source.model_dump(mode="json", exclude_none=True)
    return [_story_event(current, event_id, DEVELOPMENT_RETRACTED, data)]
