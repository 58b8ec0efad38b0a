"""Read events back: one stream by version, or every stream in global order below the horizon."""

from __future__ import annotations

import functools
import json
import json.scanner
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

import psycopg

from tracker.eventstore.connections import Raw
from tracker.eventstore.model import StoredEvent
from tracker.eventstore.positions import HORIZON
from tracker.eventstore.schema import STORED_COLUMNS

# jsonb comes back as text, parsed below by the json module's C scanner: about twice as fast
# as psycopg's jsonb loader (which hands bytes to json.loads), and decoding is the hot path.
_SELECTED = (f"{name}::text" if name in ("data", "metadata") else name for name in STORED_COLUMNS)
SELECT = f"SELECT {', '.join(_SELECTED)} FROM events"

READ_STREAM = f"""{SELECT}
WHERE stream_id = %(stream_id)s AND version >= %(first)s::int AND version <= %(last)s::int
ORDER BY version LIMIT %(limit)s::bigint"""

LAST_POSITION = f"SELECT coalesce(max(position), 0) FROM events WHERE position < {HORIZON}"

READABLE_AFTER = f"""SELECT EXISTS (
    SELECT FROM events WHERE position > %(after)s::bigint AND position < {HORIZON})"""

WAITING = f"""SELECT count(*), min(recorded_at) FROM (
    SELECT recorded_at FROM events WHERE position > %s::bigint AND position < {HORIZON}
    ORDER BY position LIMIT %s::bigint) AS waiting"""

STREAM_VERSION = "SELECT coalesce(max(version), 0) FROM events WHERE stream_id = %s"

MAX_VERSION = 2**31 - 1
CHUNK = 100
CHUNKED = psycopg.pq.version() >= 170000  # chunked rows need libpq 17
# The C scanner json.loads uses, minus its whitespace handling (PostgreSQL prints none first).
# typeshed types its context as a scanner; json itself passes a JSONDecoder, as here.
_scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]


def _stored(cursor: Any) -> Callable[[Sequence[Any]], StoredEvent]:
    """Return psycopg's row maker for StoredEvent (a row factory)."""

    def make(v: Sequence[Any]) -> StoredEvent:
        metadata = {} if v[8] == "{}" else _scan(v[8], 0)[0]
        data = _scan(v[7], 0)[0]
        return StoredEvent(v[0], v[1], v[2], v[3], v[4], v[5], v[6], data, metadata, *v[9:])

    return make


@functools.cache
def read_all_sql(by_event_type: bool, by_stream_type: bool, by_partition: bool = False) -> str:
    """Return the global read, filtered by event types, stream types and/or partition."""
    where = ["position > %(after)s::bigint", f"position < {HORIZON}"]
    if by_event_type:
        where.append("event_type = ANY(%(event_types)s::text[])")
    if by_stream_type:
        where.append("stream_type = ANY(%(stream_types)s::text[])")
    if by_partition:  # the last byte of a stream id picks its partition
        where.append(
            "get_byte(uuid_send(stream_id), 15) %% %(partitions)s::int = %(partition)s::int"
        )
    return f"{SELECT} WHERE {' AND '.join(where)} ORDER BY position LIMIT %(limit)s::bigint"


def fetch_events(raw: Raw, sql: str, params: dict[str, Any]) -> list[StoredEvent]:
    """Run a read and decode its rows into StoredEvent, while the server is still sending."""
    with raw.cursor(binary=True, row_factory=_stored) as cursor:
        if CHUNKED:  # decode each chunk as it arrives: the server's work overlaps ours
            return list(cursor.stream(sql, params, size=CHUNK))
        cursor.execute(sql, params, prepare=True)
        return cursor.fetchall()


def read_all(
    raw: Raw,
    after: int,
    limit: int,
    event_types: Sequence[str] | None,
    stream_types: Sequence[str] | None,
    partition: tuple[int, int] | None = None,
) -> list[StoredEvent]:
    """Return up to `limit` events after position `after`, in position order, below the horizon."""
    sql = read_all_sql(event_types is not None, stream_types is not None, partition is not None)
    index, partitions = partition or (0, 1)
    params = {
        "after": after,
        "limit": limit,
        "event_types": list(event_types or ()),
        "stream_types": list(stream_types or ()),
        "partition": index,
        "partitions": partitions,
    }
    return fetch_events(raw, sql, params)


def read_stream(
    raw: Raw, stream_id: UUID, first: int, last: int | None, limit: int | None
) -> list[StoredEvent]:
    """Return the stream's events with first <= version <= last, in version order."""
    params = {
        "stream_id": stream_id,
        "first": first,
        "last": MAX_VERSION if last is None else last,
        "limit": limit,
    }
    return fetch_events(raw, READ_STREAM, params)


def readable_after(raw: Raw, after: int) -> bool:
    """Return whether a global reader can read any event after position `after` now."""
    return bool(scalar(raw, READABLE_AFTER, {"after": after}))


def scalar(raw: Raw, sql: str, params: Any) -> Any:
    """Return the single value a query selects."""
    row = raw.execute(sql, params, prepare=True).fetchone()
    assert row is not None  # every scalar query here selects exactly one row
    return row[0]
