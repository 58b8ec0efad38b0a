"""Write an append: one guarded INSERT for a lone event, COPY in a transaction otherwise.

Both paths guard optimistic concurrency the same way: the stream's last stored
event must be at the expected version (and of the same stream type), and the
(stream_id, version) unique index stops a writer that raced past that check.
The single-event path does both in one INSERT ... SELECT, run in autocommit so
that the statement is the whole transaction: one round trip, and the event's
ordinal within its transaction is 0. The general path (several events or
streams, or inside a caller's transaction) reads the streams' heads and the
transaction's next ordinal in one query, checks them, and COPYs the rows.

Each event's `chain_hash` links it to its stream's previous event (`chain`): the lone
INSERT computes the link in SQL from the head it guards against, with the statement's
timestamp as `recorded_at`; the COPY path reads the heads' hashes and that timestamp in
its head query and links the events in Python. Both use the same formula.
"""

from __future__ import annotations

from typing import Any

from tracker.eventstore.chain import LINK_SQL, canonical_json, content_digest, link, stamp
from tracker.eventstore.connections import Raw
from tracker.eventstore.errors import TooManyEvents
from tracker.eventstore.model import AppendResult, NewEvent, StreamAppend
from tracker.eventstore.positions import MAX_EVENTS_PER_TRANSACTION, TRANSACTION_BASE
from tracker.eventstore.request import Request

COLUMNS = (
    "position, event_id, stream_id, stream_type, version, event_type, schema_version, data,"
    " metadata, occurred_at, occurred_precision, reported_at, idempotency_key, request_hash,"
    " recorded_at, chain_hash"
)

# The one event's values, each named once (positional parameters: the cheapest to send).
_ONE = """FROM (VALUES (%s::uuid, %s::uuid, %s::text, %s::int, %s::text, %s::int, %s::jsonb,
                   %s::jsonb, %s::timestamptz, %s::text, %s::timestamptz, %s::text, %s::text,
                   %s::bytea))
     AS p(event_id, stream_id, stream_type, expected, event_type, schema_version, data,
          metadata, occurred_at, occurred_precision, reported_at, key, hash, digest)"""
_HEAD = "FROM events AS e WHERE e.stream_id = p.stream_id ORDER BY e.version DESC LIMIT 1"
_LINK = LINK_SQL.format(
    previous=f"(SELECT e.chain_hash {_HEAD})", digest="p.digest", at="statement_timestamp()"
)
_REST = f"""p.event_type, p.schema_version, p.data, p.metadata, p.occurred_at,
       p.occurred_precision, p.reported_at, p.key, p.hash, statement_timestamp(), {_LINK}"""

# The stream's last event is at the expected version and of this type (or, for 0, absent).
INSERT_EXACT = f"""INSERT INTO events ({COLUMNS})
SELECT {TRANSACTION_BASE}, p.event_id, p.stream_id, p.stream_type, p.expected + 1, {_REST}
{_ONE}
WHERE coalesce((SELECT e.version = p.expected AND e.stream_type = p.stream_type {_HEAD}),
               p.expected = 0)
RETURNING position, version"""

# Whatever the stream's version, provided the stream (if any) is of this type.
INSERT_ANY = f"""INSERT INTO events ({COLUMNS})
SELECT {TRANSACTION_BASE}, p.event_id, p.stream_id, p.stream_type,
       coalesce((SELECT e.version {_HEAD}), 0) + 1, {_REST}
{_ONE}
WHERE coalesce((SELECT e.stream_type = p.stream_type {_HEAD}), true)
RETURNING position, version"""

# Each stream's head and its hash, this transaction's first position and the ordinals it
# has used, and the timestamp the events will be recorded at.
HEADS = f"""SELECT coalesce(head.version, 0), head.stream_type, t.base,
    coalesce((SELECT max(position) + 1 FROM events
              WHERE position >= t.base AND position < t.base + {MAX_EVENTS_PER_TRANSACTION}),
             t.base) - t.base,
    head.chain_hash, statement_timestamp()
FROM (SELECT {TRANSACTION_BASE} AS base) AS t,
     unnest(%(stream_ids)s::uuid[]) WITH ORDINALITY AS s(stream_id, k)
     LEFT JOIN LATERAL (SELECT version, stream_type, chain_hash FROM events AS e
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
    expected = request.expected[0]
    data, metadata, digest = _written(append, event, request)
    params = (
        event.event_id,
        append.stream_id,
        append.stream_type,
        expected,
        event.event_type,
        event.schema_version,
        data,
        metadata,
        event.occurred_at,
        event.occurred_precision,
        event.reported_at,
        request.key,
        request.request_hash,
        digest,
    )
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
    for append, expected, (current, stream_type, *_) in zip(
        request.appends, request.expected, heads, strict=True
    ):
        if stream_type not in (None, append.stream_type) or expected not in (None, current):
            raise Refused(append.stream_id)
    base, used, recorded_at = heads[0][2], heads[0][3], heads[0][5]
    recorded = stamp(recorded_at)
    if used + request.count > MAX_EVENTS_PER_TRANSACTION:
        raise TooManyEvents(used + request.count, MAX_EVENTS_PER_TRANSACTION)
    position = base + used
    results = []
    for append, (current, *_) in zip(request.appends, heads, strict=True):
        positions = tuple(range(position, position + len(append.events)))
        event_ids = tuple(event.event_id for event in append.events)
        results.append(
            AppendResult(
                append.stream_id, current + 1, current + len(positions), positions, event_ids
            )
        )
        position += len(positions)
    # Positions follow the request's order, but rows go in by stream id: appends that share
    # streams then wait for each other's unique-index entries in one order, never in a cycle.
    planned = sorted(zip(request.appends, results, strict=True), key=lambda p: p[0].stream_id)
    previous = {
        append.stream_id: head[4] for append, head in zip(request.appends, heads, strict=True)
    }
    with raw.cursor().copy(COPY) as copy:
        for append, result in planned:
            chain_hash = previous[append.stream_id]
            for offset, event in enumerate(append.events):
                version = result.first_version + offset
                data, metadata, digest = _written(append, event, request)
                chain_hash = link(chain_hash, digest, recorded)
                row = _row(request, append, event, result.positions[offset], version)
                copy.write_row((*row[:7], data, metadata, *row[7:], recorded_at, chain_hash))
    return results


def _written(append: StreamAppend, event: NewEvent, request: Request) -> tuple[str, str, bytes]:
    """Return the event's data and metadata as the JSON text to store, and its content digest.

    The text sent to PostgreSQL is the very text hashed: each document is serialised once.
    """
    data = canonical_json(event.data)
    metadata = canonical_json(request.metadata(event))
    digest = content_digest(
        event_id=event.event_id,
        stream_id=append.stream_id,
        stream_type=append.stream_type,
        event_type=event.event_type,
        schema_version=event.schema_version,
        data_json=data,
        metadata_json=metadata,
        occurred_at=event.occurred_at,
        occurred_precision=event.occurred_precision,
        reported_at=event.reported_at,
    )
    return data.decode(), metadata.decode(), digest


def _row(
    request: Request, append: StreamAppend, event: NewEvent, position: int, version: int
) -> tuple[Any, ...]:
    """Return the COPY row of one event, without data, metadata, recorded_at and chain_hash."""
    first = event is request.appends[0].events[0]
    return (
        position,
        event.event_id,
        append.stream_id,
        append.stream_type,
        version,
        event.event_type,
        event.schema_version,
        event.occurred_at,
        event.occurred_precision,
        event.reported_at,
        request.key if first else None,
        request.request_hash if first else None,
    )
