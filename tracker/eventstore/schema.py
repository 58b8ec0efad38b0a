"""The event store's schema: the one `events` table, its constraints and indexes.

This is the single source of the table's shape. The Alembic revisions in the
top-level `migrations/` create it (a revision is a frozen snapshot, written from
this module with `alembic revision --autogenerate`), and
`tests/eventstore/test_migration.py` checks that a migrated database matches this
metadata exactly. The immutability triggers live in the revision (DDL Alembic
cannot compare); the same test checks that they refuse UPDATE, DELETE and TRUNCATE.

`position` is `((xid + xid_offset) << 16) + ordinal`: see `tracker.eventstore.positions`;
`events_clock` holds the offset. `chain_hash` links each event to its stream's previous
one: see `tracker.eventstore.chain`.
`recorded_at` defaults to `statement_timestamp()`: every event of one append gets
the same instant, the start of the appending statement. In the store's own
transactions the append is a single-statement transaction, so this is the commit
time to within the statement's duration; an append composed into a caller's
transaction gets the time of its statement, not of the caller's commit.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, TIMESTAMP, UUID

PRECISIONS = ("exact", "day", "month", "year")

# Constraint names the store relies on to tell one unique violation from another.
POSITION_KEY = "events_pkey"
EVENT_ID_KEY = "events_event_id_key"
STREAM_VERSION_KEY = "events_stream_id_version_key"
IDEMPOTENCY_KEY = "events_idempotency_key_key"

metadata = MetaData()

events = Table(
    "events",
    metadata,
    Column("position", BigInteger, nullable=False, autoincrement=False),
    Column("event_id", UUID(as_uuid=True), nullable=False),
    Column("stream_id", UUID(as_uuid=True), nullable=False),
    Column("stream_type", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("schema_version", Integer, nullable=False, server_default=text("1")),
    Column("data", JSONB, nullable=False),
    Column("metadata", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("occurred_at", TIMESTAMP(timezone=True), nullable=True),
    Column("occurred_precision", Text, nullable=True),
    Column("reported_at", TIMESTAMP(timezone=True), nullable=True),
    Column(
        "recorded_at",
        TIMESTAMP(timezone=True),
        nullable=False,
        server_default=text("statement_timestamp()"),
    ),
    Column("idempotency_key", Text, nullable=True),
    Column("request_hash", Text, nullable=True),
    Column("chain_hash", LargeBinary, nullable=False),
    PrimaryKeyConstraint("position", name=POSITION_KEY),
    UniqueConstraint("event_id", name=EVENT_ID_KEY),
    UniqueConstraint("stream_id", "version", name=STREAM_VERSION_KEY),
    CheckConstraint("version >= 1", name="events_version_check"),
    CheckConstraint("schema_version >= 1", name="events_schema_version_check"),
    CheckConstraint(
        "occurred_precision IN ('exact', 'day', 'month', 'year')",
        name="events_occurred_precision_check",
    ),
    CheckConstraint("jsonb_typeof(data) = 'object'", name="events_data_check"),
    CheckConstraint("jsonb_typeof(metadata) = 'object'", name="events_metadata_check"),
    CheckConstraint(
        "(idempotency_key IS NULL) = (request_hash IS NULL)", name="events_request_hash_check"
    ),
    CheckConstraint("octet_length(chain_hash) = 32", name="events_chain_hash_check"),
)

# The position clock's offset: one row, set only by `events_align_positions()`.
events_clock = Table(
    "events_clock",
    metadata,
    Column("id", Boolean, nullable=False, server_default=text("true")),
    Column("xid_offset", BigInteger, nullable=False, server_default=text("0")),
    Column("aligned_at", TIMESTAMP(timezone=True), nullable=True),
    PrimaryKeyConstraint("id", name="events_clock_pkey"),
    CheckConstraint("id", name="events_clock_one_row_check"),
)

Index("events_event_type_position_idx", events.c.event_type, events.c.position)
Index("events_stream_type_position_idx", events.c.stream_type, events.c.position)
Index("events_recorded_at_idx", events.c.recorded_at)
Index(
    IDEMPOTENCY_KEY,
    events.c.idempotency_key,
    unique=True,
    postgresql_where=events.c.idempotency_key.is_not(None),
)

# Column order of a StoredEvent, as the read queries select them.
STORED_COLUMNS = (
    "position",
    "event_id",
    "stream_id",
    "stream_type",
    "version",
    "event_type",
    "schema_version",
    "data",
    "metadata",
    "occurred_at",
    "occurred_precision",
    "reported_at",
    "recorded_at",
)
