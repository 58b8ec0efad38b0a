"""Domain errors: each has a snake_case `code`, a message for a person and a category."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, TypedDict


class FieldError(TypedDict):
    """One invalid field: a dotted path and what is wrong with it."""

    field: str
    message: str


class DomainError(Exception):
    """A command the domain refuses; `category` is not_found, invalid or conflict."""

    code: ClassVar[str] = "domain_error"
    category: ClassVar[str] = "invalid"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _FieldErrors(DomainError):
    """A refusal that lists the fields at fault."""

    def __init__(self, errors: Sequence[FieldError], prefix: str = "") -> None:
        self.errors: list[FieldError] = list(errors)
        text = "; ".join(
            f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in self.errors
        )
        super().__init__(prefix + text)


class ValidationFailed(_FieldErrors):
    """The input does not fit the schema of its type."""

    code = "validation_error"


class InvalidCorrection(_FieldErrors):
    """A correction's changes do not fit the type of the development it corrects."""

    code = "invalid_correction"


class UnknownActor(_FieldErrors):
    """A reference names an actor id that is not registered."""

    code = "unknown_actor"


class AmbiguousName(TypedDict):
    """A name no actor has, close to registered actors' names: where it is, and the candidates."""

    field: str
    name: str
    candidates: list[Any]  # ActorCandidate dicts (tracker.domain.actor_candidates)


class AmbiguousActor(_FieldErrors):
    """A reference would register a new actor whose name is close to registered actors' names.

    The client names the actor it means by `actor_id`, or says `"new": true` to register it.
    """

    code = "ambiguous_actor"
    category = "conflict"

    def __init__(self, ambiguous: Sequence[AmbiguousName]) -> None:
        self.ambiguous: list[AmbiguousName] = list(ambiguous)
        errors: list[FieldError] = []
        for entry in self.ambiguous:
            names = ", ".join(f"{c['name']} ({c['id']})" for c in entry["candidates"])
            message = (
                f"no actor is named {entry['name']!r}, but it is close to {names}: give the "
                'actor_id of the one it means, or "new": true to register a new actor'
            )
            errors.append({"field": f"{entry['field']}.name", "message": message})
        super().__init__(errors)


class StoryNotFound(DomainError):
    """The story stream has no `story_opened` event."""

    code = "story_not_found"
    category = "not_found"


class StoryAlreadyExists(DomainError):
    """The story stream was already opened."""

    code = "story_exists"
    category = "conflict"


class NothingToChange(DomainError):
    """The command would leave the state as it is (same title, same status)."""

    code = "no_change"
    category = "conflict"


class UnknownDevelopment(DomainError):
    """A development points at an event id that is not a development of this story."""

    code = "unknown_development"


class DevelopmentNotFound(DomainError):
    """A correction or retraction targets an event id that is not a development of the story."""

    code = "development_not_found"
    category = "not_found"


class DevelopmentRetracted(DomainError):
    """The development was retracted; it can no longer be corrected, retracted or cited."""

    code = "development_retracted"
    category = "conflict"


class ActorNotFound(DomainError):
    """No actor stream with that id."""

    code = "actor_not_found"
    category = "not_found"


class ActorAlreadyRegistered(DomainError):
    """An actor with that id is already registered."""

    code = "actor_exists"
    category = "conflict"


class ActorNameTaken(DomainError):
    """The name (or an alias) already names another actor."""

    code = "actor_name_taken"
    category = "conflict"


class AliasAlreadyPresent(DomainError):
    """The actor already has that name or alias."""

    code = "alias_exists"
    category = "conflict"


class SelfMerge(DomainError):
    """An actor cannot be merged into itself."""

    code = "self_merge"


class MergeTargetMerged(DomainError):
    """The merge target was itself merged into another actor."""

    code = "merge_target_merged"
    category = "conflict"


class ActorAlreadyMerged(DomainError):
    """The actor was already merged into another one."""

    code = "actor_already_merged"
    category = "conflict"
