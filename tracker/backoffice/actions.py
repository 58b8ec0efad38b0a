"""Call one write service for a signed-in editor; turn its refusals into something to show."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tracker.backoffice.selectors import story_changes_since
from tracker.domain import DomainError, FieldError
from tracker.eventstore import EventStoreError, VersionConflict
from tracker.services import actors, developments, stories
from tracker.services.errors import ServiceError
from tracker.services.results import WriteResult


@dataclass(frozen=True)
class Conflict:
    """The story moved on while the editor was typing: what changed since the version seen."""

    seen: int
    current: int
    changes: list[dict[str, Any]]


@dataclass(frozen=True)
class Refusal:
    """Why a write stored nothing: a message, the fields at fault, or a version conflict."""

    code: str
    message: str
    errors: list[FieldError] = field(default_factory=list)
    conflict: Conflict | None = None
    #: ambiguous_actor: each new name close to registered actors, with the candidates.
    ambiguous: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    """A write's result, or its refusal."""

    result: WriteResult | None = None
    refusal: Refusal | None = None


def recorded_by(user: Any) -> dict[str, Any]:
    """Return the metadata naming the signed-in user who records an event."""
    return {"kind": "user", "username": user.get_username(), "id": user.pk}


def _attempt(write: Callable[[], WriteResult], story: str | None = None) -> Outcome:
    try:
        return Outcome(result=write())
    except VersionConflict as exc:
        seen = int(exc.expected) if isinstance(exc.expected, int) else 0
        changes = story_changes_since(story=story, version=seen) if story else []
        conflict = Conflict(seen=seen, current=exc.current, changes=changes)
        message = (
            f"The story changed while you were editing: you saw version {seen}, "
            f"it is now at version {exc.current}. Nothing was stored."
        )
        return Outcome(refusal=Refusal("version_conflict", message, conflict=conflict))
    except DomainError as exc:
        errors = list(getattr(exc, "errors", []))
        ambiguous = [dict(entry) for entry in getattr(exc, "ambiguous", [])]
        return Outcome(refusal=Refusal(exc.code, exc.message, errors, ambiguous=ambiguous))
    except ServiceError as exc:
        return Outcome(refusal=Refusal(exc.code, exc.detail))
    except EventStoreError as exc:
        return Outcome(refusal=Refusal(type(exc).__name__, str(exc)))


def story_open(*, user: Any, key: str | None, **fields: Any) -> Outcome:
    """Open a story."""
    return _attempt(
        lambda: stories.story_open(**fields, recorded_by=recorded_by(user), idempotency_key=key)
    )


def development_record(
    *, user: Any, story: str, development: Mapping[str, Any], seen: int | None, key: str | None
) -> Outcome:
    """Record a development on the story version the editor saw."""
    return _attempt(
        lambda: developments.development_record(
            story=story,
            development=development,
            expected_version=seen,
            recorded_by=recorded_by(user),
            idempotency_key=key,
        ),
        story,
    )


def development_correct(
    *,
    user: Any,
    story: str,
    target: UUID,
    changes: Mapping[str, Any],
    reason: str,
    source: Mapping[str, Any] | None,
    seen: int | None,
) -> Outcome:
    """Correct fields of a development on the story version the editor saw."""
    return _attempt(
        lambda: developments.development_correct(
            story=story,
            target=target,
            changes=changes,
            reason=reason,
            source=source,
            expected_version=seen,
            recorded_by=recorded_by(user),
        ),
        story,
    )


def development_retract(
    *,
    user: Any,
    story: str,
    target: UUID,
    reason: str,
    source: Mapping[str, Any] | None,
    seen: int | None,
) -> Outcome:
    """Retract a development on the story version the editor saw."""
    return _attempt(
        lambda: developments.development_retract(
            story=story,
            target=target,
            reason=reason,
            source=source,
            expected_version=seen,
            recorded_by=recorded_by(user),
        ),
        story,
    )


def actor_alias_add(*, user: Any, actor_id: UUID, name: str, language: str | None) -> Outcome:
    """Add another spelling of an actor's name."""
    return _attempt(
        lambda: actors.actor_alias_add(
            actor_id=actor_id, name=name, language=language, recorded_by=recorded_by(user)
        )
    )


def actor_merge(*, user: Any, actor_id: UUID, into: UUID) -> Outcome:
    """Merge an actor into another."""
    return _attempt(
        lambda: actors.actor_merge(actor_id=actor_id, into=into, recorded_by=recorded_by(user))
    )
