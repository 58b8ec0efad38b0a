"""Write an append: one guarded INSERT for a lone event, COPY in a transaction otherwise.

Both paths guard optimistic concurrency the same way: the stream's last stored
event must be at the expected version (and of the same stream type), and the
(stream_id, version) unique index stops a writer that raced past that check.
The single-event path does both in one INSERT ... SELECT, run in autocommit so
that the statement is the whole transaction: one round trip, and the event's
ordinal within its transaction is 0. The general path (several events or
streams, or inside a caller's transaction) reads the streams' heads and the
transaction's next ordinal in one query, checks them, and COPYs the rows.
"""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from tracker.eventstore.connections import Raw
from tracker.eventstore.errors import TooManyEvents
from tracker.eventstore.model import AppendResult, NewEvent, StreamAppend
from tracker.eventstore.positions import MAX_EVENTS_PER_TRANSACTION, TRANSACTION_BASE
from tracker.eventstore.request import Request

COLUMNS = (
    "position, event_id, stream_id, stream_type, version, event_type, schema_version, data,"
    " metadata, occurred_at, occurred_precision, reported_at, idempotency_key, request_hash"
)

_VALUES = """%(event_id)s, %(stream_id)s, %(stream_type)s, {version}, %(event_type)s,
    %(schema_version)s::int, %(data)s, %(metadata)s, %(occurred_at)s::timestamptz,
    %(occurred_precision)s::text, %(reported_at)s::timestamptz, %(key)s::text, %(hash)s::text"""

_HEAD = "FROM events WHERE stream_id = %(stream_id)s ORDER BY version DESC LIMIT 1"

# The stream's last event is at the expected version and of this type (or, for 0, absent).
INSERT_EXACT = f"""INSERT INTO events ({COLUMNS})
SELECT {TRANSACTION_BASE}, {_VALUES.format(version="%(expected)s::int + 1")}
WHERE coalesce(
    (SELECT version = %(expected)s::int AND stream_type = %(stream_type)s {_HEAD}),
    %(expected)s::int = 0)
RETURNING position, version"""

# Whatever the stream's version, provided the stream (if any) is of this type.
_NEXT = f"coalesce((SELECT version {_HEAD}), 0) + 1"
INSERT_ANY = f"""INSERT INTO events ({COLUMNS})
SELECT {TRANSACTION_BASE}, {_VALUES.format(version=_NEXT)}
WHERE coalesce((SELECT stream_type = %(stream_type)s {_HEAD}), true)
RETURNING position, version"""

# Each stream's head, and this transaction's first position and the ordinals it has used.
HEADS = f"""SELECT coalesce(head.version, 0), head.stream_type, t.base,
    coalesce((SELECT max(position) + 1 FROM events
              WHERE position >= t.base AND position < t.base + {MAX_EVENTS_PER_TRANSACTION}),
             t.base) - t.base
FROM (SELECT {TRANSACTION_BASE} AS base) AS t,
     unnest(%(stream_ids)s::uuid[]) WITH ORDINALITY AS s(stream_id, k)
     LEFT JOIN LATERAL (SELECT version, stream_type FROM events AS e
                        WHERE e.stream_id = s.stream_id ORDER BY version DESC LIMIT 1) AS head
     ON true
ORDER BY s.k"""

COPY = f"COPY events ({COLUMNS}) FROM STDIN"


class Refused(Exception):
    """A stream's head is not what the request expects: resolve, then report a conflict."""


def insert_one(raw: Raw, request: Request) -> AppendResult | None:
    """Append the request's single event in one autocommit statement; None if the guard failed."""
    append = request.appends[0]
    event = append.events[0]
    params = _params(request, append, event, first=True)
    expected = request.expected[0]
    params["expected"] = expected
    sql = INSERT_ANY if expected is None else INSERT_EXACT
    row = raw.execute(sql, params, prepare=True).fetchone()
    if row is None:
        return None
    position, version = row
    return AppendResult(append.stream_id, version, version, (position,), (event.event_id,))


def copy_all(raw: Raw, request: Request) -> list[AppendResult]:
    """Check every stream's head, then COPY all events; the caller owns the transaction."""
    params = {"stream_ids": [append.stream_id for append in request.appends]}
    heads = raw.execute(HEADS, params, prepare=True).fetchall()
    for append, expected, (current, stream_type, _, _) in zip(
        request.appends, request.expected, heads, strict=True
    ):
        if stream_type not in (None, append.stream_type) or expected not in (None, current):
            raise Refused(append.stream_id)
    base, used = heads[0][2], heads[0][3]
    if used + request.count > MAX_EVENTS_PER_TRANSACTION:
        raise TooManyEvents(used + request.count, MAX_EVENTS_PER_TRANSACTION)
    position = base + used
    results = []
    with raw.cursor().copy(COPY) as copy:
        for append, (current, *_) in zip(request.appends, heads, strict=True):
            positions = tuple(range(position, position + len(append.events)))
            for offset, event in enumerate(append.events):
                copy.write_row(
                    _row(request, append, event, positions[offset], current + offset + 1)
                )
            results.append(
                AppendResult(
                    append.stream_id,
                    current + 1,
                    current + len(append.events),
                    positions,
                    tuple(event.event_id for event in append.events),
                )
            )
            position += len(append.events)
    return results


def _params(request: Request, append: StreamAppend, event: NewEvent, first: bool) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "stream_id": append.stream_id,
        "stream_type": append.stream_type,
        "event_type": event.event_type,
        "schema_version": event.schema_version,
        "data": Jsonb(event.data),
        "metadata": Jsonb(request.metadata(event)),
        "occurred_at": event.occurred_at,
        "occurred_precision": event.occurred_precision,
        "reported_at": event.reported_at,
        "key": request.key if first else None,
        "hash": request.request_hash if first else None,
    }


def _row(
    request: Request, append: StreamAppend, event: NewEvent, position: int, version: int
) -> tuple[Any, ...]:
    first = event is request.appends[0].events[0]
    return (
        position,
        event.event_id,
        append.stream_id,
        append.stream_type,
        version,
        event.event_type,
        event.schema_version,
        Jsonb(event.data),
        Jsonb(request.metadata(event)),
        event.occurred_at,
        event.occurred_precision,
        event.reported_at,
        request.key if first else None,
        request.request_hash if first else None,
    )
