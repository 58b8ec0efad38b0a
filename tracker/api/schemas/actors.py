"""What the actor read endpoints answer."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tracker.api.schemas.state import Open


class ActorSummaryOut(Open):
    """One actor in a list: its name, kind and other names."""

    id: UUID
    name: str
    kind: str
    aliases: list[Any] = []


class ActorListOut(Open):
    """A page of actors matching a search, and how many match in all."""

    items: list[ActorSummaryOut]
    count: int


class ActorStoryOut(Open):
    """A story an actor is in: its roles there and the developments naming it."""

    id: UUID
    slug: str
    title: str
    roles: list[str] = []
    developments: list[str] = []
    names_as_stated: list[str] = []


class ActorOut(ActorSummaryOut):
    """An actor (a merged one answers as the one it joined), its aliases and stories."""

    description: str | None = None
    merged_from: list[UUID] = []
    stories: list[ActorStoryOut] = []
