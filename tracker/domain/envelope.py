"""The event envelope: what the store records, and what decisions ask it to append."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

STORY_STREAM = "story"
ACTOR_STREAM = "actor"


class RecordedEvent(Protocol):
    """An event as the store committed it; the event store's `StoredEvent` fits this shape."""

    @property
    def position(self) -> int: ...
    @property
    def event_id(self) -> UUID: ...
    @property
    def stream_id(self) -> UUID: ...
    @property
    def stream_type(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def event_type(self) -> str: ...
    @property
    def schema_version(self) -> int: ...
    @property
    def data(self) -> Mapping[str, Any]: ...
    @property
    def metadata(self) -> Mapping[str, Any]: ...
    @property
    def occurred_at(self) -> datetime | None: ...
    @property
    def occurred_precision(self) -> str | None: ...
    @property
    def reported_at(self) -> datetime | None: ...
    @property
    def recorded_at(self) -> datetime: ...


@dataclass(frozen=True, slots=True)
class Event:
    """An in-memory recorded event, for tests and replay without a database."""

    position: int
    event_id: UUID
    stream_id: UUID
    stream_type: str
    version: int
    event_type: str
    schema_version: int
    data: Mapping[str, Any]
    recorded_at: datetime
    metadata: Mapping[str, Any] = field(default_factory=dict)
    occurred_at: datetime | None = None
    occurred_precision: str | None = None
    reported_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PendingEvent:
    """A new event a decision asks the service to append to its stream."""

    stream_id: UUID
    stream_type: str
    event_id: UUID
    event_type: str
    data: dict[str, Any]
    schema_version: int
    occurred_at: datetime | None = None
    occurred_precision: str | None = None
    reported_at: datetime | None = None

    def recorded(
        self,
        *,
        position: int,
        version: int,
        recorded_at: datetime,
        metadata: Mapping[str, Any] | None = None,
    ) -> Event:
        """Return this event as the store would record it (for tests and in-memory replay)."""
        return Event(
            position=position,
            event_id=self.event_id,
            stream_id=self.stream_id,
            stream_type=self.stream_type,
            version=version,
            event_type=self.event_type,
            schema_version=self.schema_version,
            data=self.data,
            recorded_at=recorded_at,
            metadata=dict(metadata or {}),
            occurred_at=self.occurred_at,
            occurred_precision=self.occurred_precision,
            reported_at=self.reported_at,
        )
