"""Recognise a retried append: by its idempotency key, or by its event ids."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from tracker.eventstore.connections import Raw
from tracker.eventstore.errors import DuplicateEventId, IdempotencyMismatch
from tracker.eventstore.model import AppendResult
from tracker.eventstore.positions import transaction_range
from tracker.eventstore.request import KEY_FIELD, Request

BY_KEY = "SELECT position, request_hash FROM events WHERE idempotency_key = %s"

# The events appended under a key: from the key's event to the end of its transaction.
KEYED = """SELECT stream_id, version, position, event_id FROM events
WHERE position >= %(first)s AND position < %(end)s AND metadata @> %(marker)s
ORDER BY position"""

BY_IDS = """SELECT event_id, stream_id, stream_type, event_type, schema_version, data,
    version, position
FROM events WHERE event_id = ANY(%s)"""


def previous_results(raw: Raw, request: Request) -> list[AppendResult] | None:
    """Return the stored results of an earlier identical append, or None if there was none.

    Raise IdempotencyMismatch when the key served another request, and DuplicateEventId
    when some event ids are stored with other bodies or in another append.
    """
    if request.key is not None and request.request_hash is not None:
        results = keyed_results(raw, request.key, request.request_hash)
        if results is not None:
            return results
    return _results_by_ids(raw, request)


def keyed_results(raw: Raw, key: str, request_hash: str) -> list[AppendResult] | None:
    """Return the results of the append made under `key`, or None; raise on another request."""
    row = raw.execute(BY_KEY, (key,)).fetchone()
    if row is None:
        return None
    if row[1] != request_hash:
        raise IdempotencyMismatch(key)
    return _keyed_results(raw, key, row[0])


def _keyed_results(raw: Raw, key: str, position: int) -> list[AppendResult]:
    end = transaction_range(position)[1]
    params = {"first": position, "end": end, "marker": Jsonb({KEY_FIELD: key})}
    return _group(raw.execute(KEYED, params).fetchall())


def _results_by_ids(raw: Raw, request: Request) -> list[AppendResult] | None:
    stored = {row[0]: row for row in raw.execute(BY_IDS, (request.event_ids,)).fetchall()}
    if not stored:
        return None
    rows = []
    for append in request.appends:
        for event in append.events:
            row = stored.get(event.event_id)
            body = (append.stream_id, append.stream_type, event.event_type, event.schema_version)
            if row is None or row[1:5] != body or row[5] != event.data:
                raise DuplicateEventId(stored)
            rows.append((row[1], row[6], row[7], row[0]))
    results = _group(rows)
    if len(results) != len(request.appends) or any(
        result.last_version - result.first_version + 1 != len(result.positions)
        for result in results
    ):
        raise DuplicateEventId(stored)  # the same events, but not appended together like this
    return results


def _group(rows: list[tuple[Any, ...]]) -> list[AppendResult]:
    """Fold (stream_id, version, position, event_id) rows into one result per stream."""
    streams: dict[UUID, list[tuple[Any, ...]]] = {}
    for row in rows:
        streams.setdefault(row[0], []).append(row)
    return [
        AppendResult(
            stream_id=stream_id,
            first_version=events[0][1],
            last_version=events[-1][1],
            positions=tuple(event[2] for event in events),
            event_ids=tuple(event[3] for event in events),
            duplicate=True,
        )
        for stream_id, events in streams.items()
    ]
