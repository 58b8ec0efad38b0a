"""Validate an append request and compute its idempotency hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from tracker.eventstore.errors import InvalidAppend, TooManyEvents
from tracker.eventstore.model import ANY, NO_STREAM, ExpectedVersion, NewEvent, StreamAppend
from tracker.eventstore.positions import MAX_EVENTS_PER_TRANSACTION

KEY_FIELD = "idempotency_key"  # marks, in metadata, every event appended under a key


@dataclass(frozen=True)
class Request:
    """A validated append: its streams, its expected versions as ints (None = ANY), its key."""

    appends: tuple[StreamAppend, ...]
    expected: tuple[int | None, ...]
    key: str | None
    request_hash: str | None
    count: int

    @property
    def event_ids(self) -> list[UUID]:
        """Return every event id of the request, in order."""
        return [event.event_id for append in self.appends for event in append.events]

    def metadata(self, event: NewEvent) -> dict[str, Any]:
        """Return the metadata to store with `event`: the key is recorded on every event."""
        return event.metadata if self.key is None else {**event.metadata, KEY_FIELD: self.key}


def build_request(
    appends: Sequence[StreamAppend], key: str | None, client_hash: str | None = None
) -> Request:
    """Return the validated request, or raise InvalidAppend / TooManyEvents.

    `client_hash` replaces the hash of the appended events as what a retried key must match
    (a service hashes the client's request, whose decided events differ on each try).
    """
    if not appends:
        raise InvalidAppend("nothing to append: no streams")
    if len({append.stream_id for append in appends}) != len(appends):
        raise InvalidAppend("a stream appears twice in one append; merge its events")
    for append in appends:
        if not append.events:
            raise InvalidAppend(f"nothing to append to stream {append.stream_id}")
        if not append.stream_type:
            raise InvalidAppend("stream_type must not be empty")
    count = sum(len(append.events) for append in appends)
    if count > MAX_EVENTS_PER_TRANSACTION:
        raise TooManyEvents(count, MAX_EVENTS_PER_TRANSACTION)
    ids = {event.event_id for append in appends for event in append.events}
    if len(ids) != count:
        raise InvalidAppend("an event id appears twice in one append")
    if key is not None and not key:
        raise InvalidAppend("an idempotency key must not be empty")
    return Request(
        appends=tuple(appends),
        expected=tuple(_expected(append.expected_version) for append in appends),
        key=key,
        request_hash=None if key is None else (client_hash or request_hash(appends)),
        count=count,
    )


def _expected(expected: int | ExpectedVersion) -> int | None:
    if expected is ANY:
        return None
    if expected is NO_STREAM:
        return 0
    if isinstance(expected, bool) or not isinstance(expected, int) or expected < 0:
        raise InvalidAppend(f"expected_version must be an int >= 0, NO_STREAM or ANY: {expected!r}")
    return expected


def request_hash(appends: Sequence[StreamAppend]) -> str:
    """Return the SHA-256 of the canonical JSON of what is appended (not of ids or metadata)."""
    body = [
        {
            "stream_id": str(append.stream_id),
            "stream_type": append.stream_type,
            "events": [
                {
                    "event_type": event.event_type,
                    "schema_version": event.schema_version,
                    "data": event.data,
                    "occurred_at": _instant(event.occurred_at),
                    "occurred_precision": event.occurred_precision,
                    "reported_at": _instant(event.reported_at),
                }
                for event in append.events
            ],
        }
        for append in appends
    ]
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _instant(value: datetime | None) -> float | None:
    return None if value is None else value.timestamp()
