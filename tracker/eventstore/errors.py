"""Typed errors of the event store; every one subclasses EventStoreError."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID


class EventStoreError(Exception):
    """An append or read the event store refused."""


class InvalidAppend(EventStoreError, ValueError):
    """The append request itself is malformed (no events, a repeated stream or event id...)."""


class VersionConflict(EventStoreError):
    """The stream is not at the version the writer expected."""

    def __init__(self, stream_id: UUID, expected: object, current: int) -> None:
        self.stream_id = stream_id
        self.expected = expected
        self.current = current
        wanted = "no stream" if expected in (0, "no_stream") else f"version {expected}"
        super().__init__(f"stream {stream_id}: expected {wanted}, but it is at version {current}")


class StreamTypeMismatch(EventStoreError):
    """The stream exists with another stream type than the append names."""

    def __init__(self, stream_id: UUID, expected: str, actual: str) -> None:
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual
        super().__init__(f"stream {stream_id} is of type {actual!r}, not {expected!r}")


class IdempotencyMismatch(EventStoreError):
    """The idempotency key was already used for a different request."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"idempotency key {key!r} was already used for a different request")


class DuplicateEventId(EventStoreError):
    """An event id is already stored with a different body (or in a different append)."""

    def __init__(self, event_ids: Iterable[UUID]) -> None:
        self.event_ids = tuple(event_ids)
        listed = ", ".join(str(event_id) for event_id in self.event_ids)
        super().__init__(f"event id(s) already stored with a different body: {listed}")


class TooManyEvents(EventStoreError):
    """One transaction would hold more events than a position can number."""

    def __init__(self, count: int, limit: int) -> None:
        self.count = count
        self.limit = limit
        super().__init__(f"{count} events in one transaction; at most {limit} are allowed")
