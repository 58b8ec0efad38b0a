"""Run an append to its end: retry races under ANY, recognise retries, name the conflict."""

from __future__ import annotations

from psycopg.errors import DeadlockDetected, UniqueViolation
from sqlalchemy import Connection

from tracker.eventstore.connections import Connections, Raw, driver, savepoint
from tracker.eventstore.errors import EventStoreError, StreamTypeMismatch, VersionConflict
from tracker.eventstore.idempotency import previous_results
from tracker.eventstore.model import AppendResult
from tracker.eventstore.positions import ALIGN
from tracker.eventstore.request import Request
from tracker.eventstore.schema import (
    EVENT_ID_KEY,
    IDEMPOTENCY_KEY,
    POSITION_KEY,
    STREAM_VERSION_KEY,
)
from tracker.eventstore.writing import Refused, copy_all, insert_one

MAX_ATTEMPTS = 50
RETRYABLE = {EVENT_ID_KEY, IDEMPOTENCY_KEY, STREAM_VERSION_KEY}

HEADS = """SELECT coalesce(head.version, 0), head.stream_type
FROM unnest(%s::uuid[]) WITH ORDINALITY AS s(stream_id, k)
LEFT JOIN LATERAL (SELECT version, stream_type FROM events AS e
                   WHERE e.stream_id = s.stream_id ORDER BY version DESC LIMIT 1) AS head ON true
ORDER BY s.k"""


def append_request(
    own: Connections, request: Request, connection: Connection | None
) -> list[AppendResult]:
    """Store the request's events atomically, or return the results of its earlier success."""
    for _ in range(MAX_ATTEMPTS):
        try:
            results = _attempt(own, request, connection)
            if results is not None:
                return results
        except Refused:
            pass
        except UniqueViolation as error:
            if error.diag.constraint_name == POSITION_KEY:  # the clock is behind: a restore
                _align(own, connection)
                continue
            if error.diag.constraint_name not in RETRYABLE:
                raise
        except DeadlockDetected:  # two multi-stream appends took the same streams in turn
            pass
        if connection is not None:
            explained = _explain(driver(connection), request)
        else:
            explained = own.run(lambda raw: _explain(raw, request))
        if explained is not None:
            return explained
    raise EventStoreError(f"append gave up after {MAX_ATTEMPTS} races with other writers")


def _align(own: Connections, connection: Connection | None) -> None:
    """Move the position clock above the stored events (see `positions`), then retry."""
    if connection is not None:
        driver(connection).execute(ALIGN)
    else:
        own.run(lambda raw: raw.execute(ALIGN))


def _attempt(
    own: Connections, request: Request, connection: Connection | None
) -> list[AppendResult] | None:
    """Try the append once; None (or Refused, or a unique violation) when it did not happen."""
    if connection is not None:
        with savepoint(connection) as raw:
            return copy_all(raw, request)
    return own.run(lambda raw: _attempt_own(raw, request))


def _attempt_own(raw: Raw, request: Request) -> list[AppendResult] | None:
    """Try the append on one of the store's autocommit connections."""
    if request.count == 1:
        result = insert_one(raw, request)
        return None if result is None else [result]
    with raw.transaction():
        return copy_all(raw, request)


def _explain(raw: Raw, request: Request) -> list[AppendResult] | None:
    """After a refused attempt: the earlier results of a retry, a typed conflict, or None to retry.

    None means no stream conflicts any more (a writer under ANY lost a race): try again.
    """
    previous = previous_results(raw, request)
    if previous is not None:
        return previous
    stream_ids = [append.stream_id for append in request.appends]
    heads = raw.execute(HEADS, (stream_ids,)).fetchall()
    for append, expected, (current, stream_type) in zip(
        request.appends, request.expected, heads, strict=True
    ):
        if stream_type is not None and stream_type != append.stream_type:
            raise StreamTypeMismatch(append.stream_id, append.stream_type, stream_type)
        if expected is not None and current != expected:
            raise VersionConflict(append.stream_id, append.expected_version, current)
    return None
