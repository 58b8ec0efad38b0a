"""What the story read endpoints answer besides the state: summaries, the timeline, changes."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Schema
from pydantic import Field

from tracker.api.schemas.state import ConfirmationOut, Open, ReplayOut


class StorySummaryOut(Open):
    """One story in a list."""

    id: UUID
    slug: str
    title: str
    status: str
    language: str | None = None
    version: int
    position: int
    opened_at: datetime | None = None
    last_development_at: datetime | None = None


class StoryListOut(Schema):
    """A page of stories and how many match in all."""

    items: list[StorySummaryOut]
    count: int


class DevelopmentViewOut(Open):
    """One development as the timeline shows it, with corrections applied."""

    event_id: UUID
    type: str
    occurred_at: str | datetime | None = None
    occurred_precision: str | None = None
    reported_at: datetime | None = None
    recorded_at: datetime | None = None
    summary: str | None = None
    actors: list[dict[str, Any]] = []
    source: dict[str, Any] | None = None
    status: str
    confirmation: ConfirmationOut | None = None
    data: dict[str, Any] = {}
    history: list[Any] = []


class TimelineOut(Schema):
    """A story's developments ordered by occurred_at, then position; `replay` when replayed."""

    items: list[DevelopmentViewOut]
    replay: ReplayOut | None = None


class ChangeOut(Open):
    """One change: a development added, corrected or retracted, or the story changed."""

    kind: str | None
    type: str
    event_id: UUID
    target: str | dict[str, Any] | None = Field(
        None,
        description="for a correction or retraction, the event id of the development it "
        "changes; for a sanctions decision, the actor it targets ({actor_id, name_as_stated})",
    )
    version: int
    position: int
    recorded_at: datetime
    summary: str | None = None


class ChangesOut(Open):
    """What was added, corrected, retracted or changed status since a time or version."""

    story_id: UUID
    version: int
    changes: list[ChangeOut]
