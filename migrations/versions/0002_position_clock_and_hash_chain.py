"""Give positions a clock offset that survives moves between clusters, and chain events by hash.

Adds `events_clock` (one row: the offset added to transaction ids, see
`tracker.eventstore.positions`), the `events_align_positions()` function that moves it
above every stored position when a restore left it behind, and `events.chain_hash`
(see `tracker.eventstore.chain`), computed here for the events already stored.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from tracker.eventstore.chain import link, stamp, stored_digest

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Runs as the table owner (SECURITY DEFINER): the application may align the clock, never set it.
ALIGN = """
CREATE FUNCTION events_align_positions() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    top bigint;
    current_offset bigint;
    oldest bigint;
BEGIN
    LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE;
    SELECT xid_offset INTO current_offset FROM events_clock FOR UPDATE;
    SELECT max(position) INTO top FROM events;
    IF top IS NULL
       OR ((pg_current_xact_id()::text::bigint + current_offset) << 16) > top THEN
        RETURN current_offset;
    END IF;
    oldest := pg_snapshot_xmin(pg_current_snapshot())::text::bigint;
    current_offset := (top >> 16) + 1 - oldest;
    UPDATE events_clock SET xid_offset = current_offset, aligned_at = clock_timestamp();
    RAISE WARNING 'event positions were behind the stored events (a restore into another '
                  'cluster?): the position clock now starts above position %', top;
    RETURN current_offset;
END
$$
"""

STORED = sa.text(
    "SELECT position, event_id, stream_id, stream_type, event_type, schema_version, data,"
    " metadata, occurred_at, occurred_precision, reported_at, recorded_at"
    " FROM events ORDER BY stream_id, version"
)
SET_HASH = sa.text("UPDATE events SET chain_hash = :chain_hash WHERE position = :position")


def upgrade() -> None:
    """Create the clock and its function, add chain_hash and fill it for stored events."""
    op.create_table(
        "events_clock",
        sa.Column("id", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("xid_offset", sa.BigInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("aligned_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.CheckConstraint("id", name="events_clock_one_row_check"),
        sa.PrimaryKeyConstraint("id", name="events_clock_pkey"),
    )
    op.execute("INSERT INTO events_clock DEFAULT VALUES")
    op.execute(ALIGN)
    op.add_column("events", sa.Column("chain_hash", sa.LargeBinary(), nullable=True))
    _fill_chain_hashes()
    op.alter_column("events", "chain_hash", nullable=False)
    op.create_check_constraint("events_chain_hash_check", "events", "octet_length(chain_hash) = 32")


def _fill_chain_hashes() -> None:
    """Link the events stored before the chain existed, stream by stream, in version order."""
    bind = op.get_bind()
    updates: list[dict[str, object]] = []
    stream, previous = None, None
    for row in bind.execute(STORED).mappings():
        if row["stream_id"] != stream:
            stream, previous = row["stream_id"], None
        digest = stored_digest(row)
        previous = link(previous, digest, stamp(row["recorded_at"]))
        updates.append({"position": row["position"], "chain_hash": previous})
    if not updates:
        return
    # The immutability trigger refuses every UPDATE; only this migration, as owner, steps past it.
    op.execute("ALTER TABLE events DISABLE TRIGGER events_refuse_update")
    bind.execute(SET_HASH, updates)
    op.execute("ALTER TABLE events ENABLE ALWAYS TRIGGER events_refuse_update")


def downgrade() -> None:
    """Drop chain_hash, the alignment function and the clock."""
    op.drop_constraint("events_chain_hash_check", "events", type_="check")
    op.drop_column("events", "chain_hash")
    op.execute("DROP FUNCTION events_align_positions()")
    op.drop_table("events_clock")
