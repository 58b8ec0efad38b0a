"""Decisions on actors: register one, add an alias, merge one into another."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from tracker.domain.actor_directory import ActorDirectory, ActorRecord
from tracker.domain.envelope import ACTOR_STREAM, PendingEvent
from tracker.domain.errors import (
    ActorAlreadyMerged,
    ActorAlreadyRegistered,
    ActorNameTaken,
    ActorNotFound,
    AliasAlreadyPresent,
    MergeTargetMerged,
    SelfMerge,
)
from tracker.domain.event_types import (
    ACTOR_ALIAS_ADDED,
    ACTOR_MERGED,
    ACTOR_REGISTERED,
    schema_version_of,
)
from tracker.domain.lifecycle import ActorRegisteredIn, AliasIn
from tracker.domain.validation import as_mapping, validate


def _actor_event(
    actor_id: UUID, event_id: UUID, event_type: str, data: dict[str, Any]
) -> PendingEvent:
    return PendingEvent(
        stream_id=actor_id,
        stream_type=ACTOR_STREAM,
        event_id=event_id,
        event_type=event_type,
        data=data,
        schema_version=schema_version_of(event_type),
    )


def _existing(directory: ActorDirectory, actor_id: UUID, label: str = "actor") -> ActorRecord:
    record = directory.get(actor_id)
    if record is None:
        raise ActorNotFound(f"{label} {actor_id} is not registered")
    return record


def _owner(directory: ActorDirectory, name: str) -> ActorRecord | None:
    found = directory.resolve(name)
    return directory.get(found) if found is not None else None


def decide_register_actor(
    *, directory: ActorDirectory, actor_id: UUID, event_id: UUID, actor: Mapping[str, Any]
) -> list[PendingEvent]:
    """Register an actor (name, kind, aliases, description, wikidata) under `actor_id`.

    Use `actor_id_for_name(name)` as the id unless there is a reason not to: concurrent
    registrations of one name then meet on one stream.
    """
    body = validate(ActorRegisteredIn, as_mapping(actor, "actor"))
    if directory.exists(actor_id):
        raise ActorAlreadyRegistered(f"actor {actor_id} is already registered")
    for name in [body.name, *(alias.name for alias in body.aliases)]:
        owner = _owner(directory, name)
        if owner is not None:
            raise ActorNameTaken(
                f"{name!r} already names {owner.name!r} ({owner.id}); "
                "refer to that actor, or register under another spelling and merge"
            )
    data = body.model_dump(mode="json", exclude_none=True)
    return [_actor_event(actor_id, event_id, ACTOR_REGISTERED, data)]


def decide_add_alias(
    *,
    directory: ActorDirectory,
    actor_id: UUID,
    event_id: UUID,
    name: object,
    language: object = None,
) -> list[PendingEvent]:
    """Add another name of an actor; a merged actor's alias goes to the actor it was merged into."""
    _existing(directory, actor_id)
    canonical = directory.canonical(actor_id)
    record = _existing(directory, canonical)
    body = validate(AliasIn, {"name": name, "language": language})
    owner = _owner(directory, body.name)
    if owner is not None and owner.id == canonical:
        raise AliasAlreadyPresent(f"{record.name!r} already has the name {body.name!r}")
    if owner is not None:
        raise ActorNameTaken(
            f"{body.name!r} already names {owner.name!r} ({owner.id}); merge the two actors instead"
        )
    data = body.model_dump(mode="json", exclude_none=True)
    return [_actor_event(canonical, event_id, ACTOR_ALIAS_ADDED, data)]


def decide_merge_actors(
    *, directory: ActorDirectory, actor_id: UUID, into: UUID, event_id: UUID
) -> list[PendingEvent]:
    """Merge an actor into another: from then on it answers as that one, with both spellings."""
    record = _existing(directory, actor_id)
    target = _existing(directory, into, "merge target")
    if actor_id == into:
        raise SelfMerge(f"actor {record.name!r} cannot be merged into itself")
    if record.merged_into is not None:
        raise ActorAlreadyMerged(
            f"actor {record.name!r} was already merged into {directory.canonical(actor_id)}"
        )
    if target.merged_into is not None:
        canonical = directory.canonical(into)
        raise MergeTargetMerged(
            f"{target.name!r} was itself merged into {canonical}; merge into that actor instead"
        )
    return [_actor_event(actor_id, event_id, ACTOR_MERGED, {"into": str(into)})]
