"""The event store: immutable events in PostgreSQL, appended per stream, read in global order."""

from tracker.eventstore.errors import (
    DuplicateEventId,
    EventStoreError,
    IdempotencyMismatch,
    InvalidAppend,
    StreamTypeMismatch,
    TooManyEvents,
    VersionConflict,
)
from tracker.eventstore.model import (
    ANY,
    NO_STREAM,
    AppendResult,
    ExpectedVersion,
    NewEvent,
    StoredEvent,
    StreamAppend,
)
from tracker.eventstore.store import EventStore, close_all

__all__ = [
    "ANY",
    "NO_STREAM",
    "AppendResult",
    "DuplicateEventId",
    "EventStore",
    "EventStoreError",
    "ExpectedVersion",
    "IdempotencyMismatch",
    "InvalidAppend",
    "NewEvent",
    "StoredEvent",
    "StreamAppend",
    "StreamTypeMismatch",
    "TooManyEvents",
    "VersionConflict",
    "close_all",
]
