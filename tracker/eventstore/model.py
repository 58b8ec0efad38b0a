"""The values the event store takes and returns: new events, stored events, append results."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from tracker.eventstore.errors import InvalidAppend
from tracker.eventstore.schema import PRECISIONS


class ExpectedVersion(enum.StrEnum):
    """What a writer expects of a stream when not an exact version (an int; 0 = empty)."""

    NO_STREAM = "no_stream"  # the stream must not exist yet
    ANY = "any"  # append at the stream's end, whatever its version (retried on a race)


NO_STREAM = ExpectedVersion.NO_STREAM
ANY = ExpectedVersion.ANY


@dataclass
class NewEvent:
    """An event to append: its type and JSON payload, plus what its report says of time."""

    event_type: str
    data: dict[str, Any]
    _: KW_ONLY
    event_id: UUID = field(default_factory=uuid4)
    schema_version: int = 1
    metadata: dict[str, Any] = field(default_factory=dict)
    occurred_at: datetime | None = None
    occurred_precision: str | None = None
    reported_at: datetime | None = None

    def __post_init__(self) -> None:
        """Refuse values the events table would refuse, with a clearer message."""
        if not self.event_type:
            raise InvalidAppend("event_type must not be empty")
        if not isinstance(self.data, dict) or not isinstance(self.metadata, dict):
            raise InvalidAppend("data and metadata must be JSON objects (dicts)")
        if self.schema_version < 1:
            raise InvalidAppend(f"schema_version must be >= 1, got {self.schema_version}")
        if self.occurred_precision is not None and self.occurred_precision not in PRECISIONS:
            raise InvalidAppend(f"occurred_precision must be one of {PRECISIONS}")
        for name in ("occurred_at", "reported_at"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise InvalidAppend(f"{name} must be timezone-aware")


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as stored: its global position, its place in its stream, and its clocks."""

    position: int
    event_id: UUID
    stream_id: UUID
    stream_type: str
    version: int
    event_type: str
    schema_version: int
    data: dict[str, Any]
    metadata: dict[str, Any]
    occurred_at: datetime | None
    occurred_precision: str | None
    reported_at: datetime | None
    recorded_at: datetime


@dataclass(frozen=True)
class StreamAppend:
    """The events to append to one stream, and the version the writer expects it to be at."""

    stream_id: UUID
    stream_type: str
    events: Sequence[NewEvent]
    expected_version: int | ExpectedVersion


@dataclass(frozen=True)
class AppendResult:
    """Where an append put its events; `duplicate` when a retry found them already stored."""

    stream_id: UUID
    first_version: int
    last_version: int
    positions: tuple[int, ...]
    event_ids: tuple[UUID, ...]
    duplicate: bool = False
