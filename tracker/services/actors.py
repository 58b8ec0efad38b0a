"""Write services for actors: register, add an alias, merge."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID, uuid4

from tracker.domain import (
    ActorDirectory,
    actor_id_for_name,
    decide_add_alias,
    decide_merge_actors,
    normalize_name,
)
from tracker.domain import decide_register_actor as _decide_register
from tracker.projections.directory import actor_directory
from tracker.services import streams
from tracker.services.errors import ProjectionStuck
from tracker.services.results import WriteResult
from tracker.services.writes import Decision, write


def actor_register(
    *,
    name: str,
    kind: str,
    aliases: Sequence[Mapping[str, Any]] = (),
    description: str | None = None,
    wikidata: str | None = None,
    recorded_by: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> WriteResult:
    """Register an actor under the id its name gives (so concurrent registrations meet)."""
    body = {
        "name": name,
        "kind": kind,
        "aliases": [dict(alias) for alias in aliases],
        "description": description,
        "wikidata": wikidata,
    }
    actor = {key: value for key, value in body.items() if value is not None}

    def decide() -> Decision:
        named = isinstance(name, str) and normalize_name(name)
        actor_id = actor_id_for_name(name) if named else uuid4()  # the domain refuses the name
        with actor_directory(streams.store()) as directory:
            _not_stopped(directory, actor_id)
            pending = _decide_register(
                directory=directory, actor_id=actor_id, event_id=uuid4(), actor=actor
            )
        return pending, {actor_id: 0}

    return write(
        operation="actor_register",
        body=body,
        recorded_by=recorded_by,
        idempotency_key=idempotency_key,
        decide=decide,
    )


def actor_alias_add(
    *,
    actor_id: UUID,
    name: str,
    language: str | None = None,
    recorded_by: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> WriteResult:
    """Add another spelling of an actor's name."""

    def decide() -> Decision:
        with actor_directory(streams.store()) as directory:
            _not_stopped(directory, actor_id, directory.canonical(actor_id))
            pending = decide_add_alias(
                directory=directory,
                actor_id=actor_id,
                event_id=uuid4(),
                name=name,
                language=language,
            )
            stream = pending[0].stream_id
            return pending, {stream: directory.version_of(stream)}

    return write(
        operation="actor_alias_add",
        body={"actor_id": str(actor_id), "name": name, "language": language},
        recorded_by=recorded_by,
        idempotency_key=idempotency_key,
        decide=decide,
    )


def actor_merge(
    *,
    actor_id: UUID,
    into: UUID,
    recorded_by: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> WriteResult:
    """Merge an actor into another; every story then shows them as one."""

    def decide() -> Decision:
        with actor_directory(streams.store()) as directory:
            _not_stopped(directory, actor_id, into)
            pending = decide_merge_actors(
                directory=directory, actor_id=actor_id, into=into, event_id=uuid4()
            )
            return pending, {actor_id: directory.version_of(actor_id)}

    return write(
        operation="actor_merge",
        body={"actor_id": str(actor_id), "into": str(into)},
        recorded_by=recorded_by,
        idempotency_key=idempotency_key,
        decide=decide,
    )


def _not_stopped(directory: ActorDirectory, *actor_ids: UUID) -> None:
    """Refuse to change an actor whose stream stops at an event that cannot be applied."""
    for actor_id in actor_ids:
        stop = directory.stopped.get(actor_id)
        if stop is not None:
            raise ProjectionStuck(
                f"actor {actor_id} stops at event {stop.event_id} (version {stop.version}), "
                "which cannot be applied (see /health); it can change again once it is fixed "
                "and retry_projection applied it"
            )
