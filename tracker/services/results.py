"""What a write service returns to its caller."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class RegisteredActor:
    """An actor a write registered besides its own event (a new name in a development)."""

    id: UUID
    name: str
    kind: str


@dataclass(frozen=True)
class WriteResult:
    """The event a write appended (or, for an idempotent retry, had appended before)."""

    event_id: UUID
    stream_id: UUID
    version: int
    position: int
    duplicate: bool = False
    slug: str | None = None
    #: The read models do not show the write yet (the catch-up failed or timed out, or the
    #: story is stuck at a failure): the position to pass as `min_position` later.
    projection_pending: int | None = None
    #: The actors the write registered in the same transaction (new names it referred to).
    actors_registered: tuple[RegisteredActor, ...] = ()
