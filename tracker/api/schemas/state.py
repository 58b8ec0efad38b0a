"""The story state (GET /stories/{story}): the folded document and each of its sections."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict


class Open(Schema):
    """A schema that documents its fields and lets further ones through."""

    model_config = ConfigDict(extra="allow")


class ActorRefOut(Open):
    """An actor as a section names it: its canonical id and name."""

    id: str
    name: str | None = None


class ConfirmationOut(Open):
    """Whether a development is unconfirmed, confirmed, denied or disputed, and by whom."""

    status: str
    by: list[str] = []
    event_ids: list[str] = []


class StoryActorOut(Open):
    """An actor of the story: its kind, other names, roles and developments (event ids)."""

    id: str
    name: str | None = None
    kind: str | None = None
    aliases: list[Any] = []
    roles: list[str] = []
    developments: list[str] = []
    names_as_stated: list[str] = []


class VisitOut(Open):
    """A trip: who went where, to whom, why, how far it got."""

    event_id: str
    visitor: ActorRefOut | None = None
    destination: str | None = None
    hosts: list[ActorRefOut] = []
    purpose: str | None = None
    status: str | None = None
    occurred_at: str | None = None
    confirmation: ConfirmationOut | None = None


class SanctionsRequestOut(Open):
    """A request to ease sanctions and what became of it."""

    event_id: str
    requester: ActorRefOut | None = None
    addressee: ActorRefOut | None = None
    sanctions: list[str] = []
    context: str | None = None
    conditions: list[str] = []
    status: str | None = None
    confirmation: ConfirmationOut | None = None


class NegotiationOut(Open):
    """Talks on one topic: the parties, the latest status, and each report of them."""

    topic: str | None = None
    parties: list[ActorRefOut] = []
    status: str | None = None
    history: list[dict[str, Any]] = []


class StatementOut(Open):
    """Something someone said, on what conditions."""

    event_id: str
    speaker: ActorRefOut | None = None
    content: str | None = None
    conditions: list[str] = []
    confirmation: ConfirmationOut | None = None


class FigurePointOut(Open):
    """One value of a figure series, with the development and source it came from."""

    period: str
    value: Any = None
    event_id: str
    source: dict[str, Any] | None = None


class FigureOut(Open):
    """A series of values of one metric in one unit."""

    metric: str | None = None
    unit: str | None = None
    series: list[FigurePointOut] = []


class SourceOut(Open):
    """An outlet (and address) the story's developments cite."""

    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    developments: list[str] = []


class StaleOut(Schema):
    """Present when later events of the story could not be applied: the state is the last good one.

    `version` is the version shown, `event_id` and `position` the event the projection stopped
    at, `since` when that was first seen. The other stories go on; /health lists the stuck ones.
    """

    version: int
    event_id: UUID | None = None
    position: int
    since: datetime


class ReplayOut(Schema):
    """What a replay answered: the version asked for, or the UTC time and the basis it used.

    `as_of` is the instant the request meant (a date alone: the end of that day, in `tz` or
    UTC); `basis` is the one applied, `recorded` when the request named none.
    """

    version: int | None = None
    as_of: datetime | None = None
    basis: str | None = None


class StoryStateOut(Open):
    """The folded state of a story; `timeline` is the list of its developments.

    `stale` appears only when the story is stuck at an event that could not be applied;
    `replay` only in a replayed answer (version or as_of).
    """

    id: UUID
    slug: str
    title: str
    summary: str | None = None
    language: str | None = None
    status: str
    version: int
    position: int | None = None
    opened_at: datetime | None = None
    last_development_at: datetime | None = None
    actors: list[StoryActorOut] = []
    developments: int = 0
    visits: list[VisitOut] = []
    sanctions_requests: list[SanctionsRequestOut] = []
    negotiations: list[NegotiationOut] = []
    statements: list[StatementOut] = []
    figures: list[FigureOut] = []
    sources: list[SourceOut] = []
    corrections: int = 0
    retractions: int = 0
    stale: StaleOut | None = None
    replay: ReplayOut | None = None
