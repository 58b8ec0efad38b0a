"""Tamper evidence: each event's hash covers its content and its stream's previous hash.

    chain_hash(v) = SHA-256( chain_hash(v - 1) || content_digest(v) || recorded_at )

with the empty string before version 1, `recorded_at` as 8 big-endian bytes of
microseconds since the Unix epoch, and `content_digest` the SHA-256 of the canonical
JSON of what the event says: its ids, stream type, event type, schema version, the
times it happened and was reported, its data and its metadata (`canonical_json`). The
position is left out on purpose: a JSON Lines import may store the same events at other
positions, and the chain must still verify.

Why one chain per stream, not one global chain: appends to one stream are already
serialised (the stream's version must be the expected one), so the previous hash is
known where the append is decided, at no cost to writers of other streams. A global
chain would make every append wait for the one before it, whatever the stream, and
commit order is not position order (see `positions`). Per-stream chains catch an
altered, removed or inserted event anywhere but at a stream's end; a removed last
event is caught against a published root (`verify_store` prints one: the hash of
every stream's head), the way transparency logs publish their tree heads.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import orjson

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
GENESIS = b""  # the "previous hash" of a stream's first event


def _micros(value: datetime | None) -> int | None:
    """Return microseconds since the Unix epoch of an aware datetime."""
    if value is None:
        return None
    delta = value - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


# A float jsonb may give back as another type or value: >= 1e16 (printed with an exponent,
# read back as an integer) or -0.0 (read back as 0.0). Strings may match too: then the
# slower canonical form is taken, which is correct for every value.
_RISKY_FLOAT = re.compile(rb"[:,\[]-?[0-9][0-9.]*e|[:,\[]-0\.0[,\]}]")


def _canonical(value: Any) -> Any:
    """Return `value` as jsonb gives it back: 1e22 as an integer, -0.0 as 0.0."""
    if isinstance(value, float) and value.is_integer():
        if abs(value) >= 1e16:  # as written (shortest repr), not as the binary float's digits
            return int(Decimal(repr(value)))
        return abs(value) if value == 0 else value
    if isinstance(value, Mapping):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    return value


def content_digest(
    *,
    event_id: UUID,
    stream_id: UUID,
    stream_type: str,
    event_type: str,
    schema_version: int,
    data_json: bytes,
    metadata_json: bytes,
    occurred_at: datetime | None,
    occurred_precision: str | None,
    reported_at: datetime | None,
) -> bytes:
    """Return the SHA-256 of what one event says; data and metadata as `canonical_json` gives.

    The hashed text is the canonical JSON array of the event's scalar fields, then the
    data's and the metadata's canonical JSON, each on a line of its own. The writer sends
    PostgreSQL the same data text it hashed, so it serialises each document once.
    """
    head = [  # orjson writes UUIDs in their canonical text form
        event_id,
        stream_id,
        stream_type,
        event_type,
        schema_version,
        _micros(occurred_at),
        occurred_precision,
        _micros(reported_at),
    ]
    return hashlib.sha256(b"\n".join((orjson.dumps(head), data_json, metadata_json))).digest()


def canonical_json(body: Any) -> bytes:
    """Return sorted-key JSON of `body` that reads the same from jsonb as it was written.

    orjson is the fast path; floats that jsonb gives back otherwise are first made what it
    gives back, and integers past 64 bits, which orjson refuses, take the json module's path.
    Either way the text depends only on the values as jsonb returns them.
    """
    try:
        text = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
        # orjson writes every exponent with a sign: most texts skip the regex altogether.
        if b"e+" not in text and b"e-" not in text and b"-0.0" not in text:
            return text
        if not _RISKY_FLOAT.search(text):
            return text
        return orjson.dumps(_canonical(body), option=orjson.OPT_SORT_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(_canonical(body), sort_keys=True, separators=(",", ":")).encode()


def stored_digest(row: Mapping[Any, Any]) -> bytes:
    """Return the content digest of an events row as read back (its columns by name)."""
    return content_digest(
        event_id=row["event_id"],
        stream_id=row["stream_id"],
        stream_type=row["stream_type"],
        event_type=row["event_type"],
        schema_version=row["schema_version"],
        data_json=canonical_json(row["data"]),
        metadata_json=canonical_json(row["metadata"]),
        occurred_at=row["occurred_at"],
        occurred_precision=row["occurred_precision"],
        reported_at=row["reported_at"],
    )


def stamp(recorded_at: datetime) -> bytes:
    """Return `recorded_at` as the chain hashes it: 8 big-endian bytes of epoch microseconds."""
    micros = _micros(recorded_at)
    assert micros is not None
    return struct.pack(">q", micros)


def link(previous: bytes | None, digest: bytes, recorded: bytes) -> bytes:
    """Return an event's chain hash from its stream's previous hash, its content and `stamp`."""
    return hashlib.sha256((previous or GENESIS) + digest + recorded).digest()


# The same link, computed by the database where it assigns recorded_at (the one-event
# INSERT): `previous` and `digest` are bytea, `at` the statement's timestamp.
LINK_SQL = (
    "sha256(coalesce({previous}, ''::bytea) || {digest}"
    " || int8send((extract(epoch FROM {at}) * 1000000)::bigint))"
)


def root(heads: list[tuple[UUID, int, bytes]]) -> str:
    """Return the hex root over every stream's (id, version, hash) at its head."""
    hasher = hashlib.sha256()
    for stream_id, version, chain_hash in sorted(heads, key=lambda head: head[0].bytes):
        hasher.update(stream_id.bytes + struct.pack(">i", version) + chain_hash)
    return hasher.hexdigest()
