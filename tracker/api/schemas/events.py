"""The event envelope, and the pages of the global feed and of a story's stream."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Schema


class EventOut(Schema):
    """One stored event, as the store recorded it."""

    position: int
    event_id: UUID
    stream_id: UUID
    stream_type: str
    version: int
    type: str
    schema_version: int
    data: dict[str, Any]
    metadata: dict[str, Any]
    occurred_at: datetime | None
    occurred_precision: str | None
    reported_at: datetime | None
    recorded_at: datetime


class EventPageOut(Schema):
    """A page of the global feed; pass `next_after` as `after` to read on."""

    items: list[EventOut]
    next_after: int


class StreamPageOut(Schema):
    """A page of one story's stream; pass `next_after_version` as `after_version`."""

    items: list[EventOut]
    next_after_version: int
