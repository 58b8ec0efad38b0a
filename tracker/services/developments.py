"""Write services for developments: record, correct, retract."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID, uuid4

from tracker.domain import (
    decide_correct_development,
    decide_record_development,
    decide_retract_development,
)
from tracker.services.results import WriteResult
from tracker.services.writes import story_write


def development_record(
    *,
    story: str,
    development: Mapping[str, Any],
    expected_version: int | None = None,
    recorded_by: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
    event_id: UUID | None = None,
) -> WriteResult:
    """Record a development; unknown actor names are registered in the same transaction.

    A name no actor has but close to a registered actor's name is refused (AmbiguousActor)
    unless its reference says `"new": true`.
    """
    return story_write(
        story=story,
        operation="development_record",
        fields={"development": development},
        decide=lambda state, actors: decide_record_development(
            story=state,
            development=development,
            event_id=event_id or uuid4(),
            resolve_actor=actors.resolve,
            actor_exists=actors.exists,
            near_actors=actors.near,
        ),
        expected_version=expected_version,
        recorded_by=recorded_by,
        idempotency_key=idempotency_key,
    )


def development_correct(
    *,
    story: str,
    target: UUID,
    changes: Mapping[str, Any],
    reason: str,
    source: Mapping[str, Any] | None = None,
    expected_version: int | None = None,
    recorded_by: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> WriteResult:
    """Correct fields of a development; the story keeps the history."""
    return story_write(
        story=story,
        operation="development_correct",
        fields={"target": str(target), "changes": changes, "reason": reason, "source": source},
        decide=lambda state, actors: decide_correct_development(
            story=state,
            target=target,
            changes=changes,
            reason=reason,
            source=source,
            event_id=uuid4(),
            resolve_actor=actors.resolve,
            actor_exists=actors.exists,
            near_actors=actors.near,
        ),
        expected_version=expected_version,
        recorded_by=recorded_by,
        idempotency_key=idempotency_key,
    )


def development_retract(
    *,
    story: str,
    target: UUID,
    reason: str,
    source: Mapping[str, Any] | None = None,
    expected_version: int | None = None,
    recorded_by: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> WriteResult:
    """Retract a development: it leaves the state and stays in the timeline, marked."""
    return story_write(
        story=story,
        operation="development_retract",
        fields={"target": str(target), "reason": reason, "source": source},
        decide=lambda state, _: decide_retract_development(
            story=state, target=target, reason=reason, source=source, event_id=uuid4()
        ),
        expected_version=expected_version,
        recorded_by=recorded_by,
        idempotency_key=idempotency_key,
    )
