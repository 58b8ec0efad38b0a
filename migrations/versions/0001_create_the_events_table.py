"""Create the events table, its indexes, and the triggers that make it append-only.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSE_CHANGE = """
CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are immutable: % on table "events" is refused', TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'Append a correcting or retracting event instead.';
END
$$
"""

# ENABLE ALWAYS: the triggers fire even with session_replication_role = replica, so only
# an explicit ALTER TABLE ... DISABLE TRIGGER (by the table's owner) gets past them.
TRIGGERS = (
    ("events_refuse_update", "BEFORE UPDATE", "FOR EACH ROW"),
    ("events_refuse_delete", "BEFORE DELETE", "FOR EACH ROW"),
    ("events_refuse_truncate", "BEFORE TRUNCATE", "FOR EACH STATEMENT"),
)


def upgrade() -> None:
    """Create the events table, its indexes and the immutability triggers."""
    op.create_table(
        "events",
        sa.Column("position", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("stream_id", sa.UUID(), nullable=False),
        sa.Column("stream_type", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("schema_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("data", postgresql.JSONB(), nullable=False),
        sa.Column(
            "metadata", postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("occurred_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("occurred_precision", sa.Text(), nullable=True),
        sa.Column("reported_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column(
            "recorded_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("statement_timestamp()"),
            nullable=False,
        ),
        sa.Column("idempotency_key", sa.Text(), nullable=True),
        sa.Column("request_hash", sa.Text(), nullable=True),
        sa.CheckConstraint("jsonb_typeof(data) = 'object'", name="events_data_check"),
        sa.CheckConstraint("jsonb_typeof(metadata) = 'object'", name="events_metadata_check"),
        sa.CheckConstraint(
            "occurred_precision IN ('exact', 'day', 'month', 'year')",
            name="events_occurred_precision_check",
        ),
        sa.CheckConstraint(
            "(idempotency_key IS NULL) = (request_hash IS NULL)", name="events_request_hash_check"
        ),
        sa.CheckConstraint("schema_version >= 1", name="events_schema_version_check"),
        sa.CheckConstraint("version >= 1", name="events_version_check"),
        sa.PrimaryKeyConstraint("position", name="events_pkey"),
        sa.UniqueConstraint("event_id", name="events_event_id_key"),
        sa.UniqueConstraint("stream_id", "version", name="events_stream_id_version_key"),
    )
    op.create_index("events_event_type_position_idx", "events", ["event_type", "position"])
    op.create_index("events_stream_type_position_idx", "events", ["stream_type", "position"])
    op.create_index("events_recorded_at_idx", "events", ["recorded_at"])
    op.create_index(
        "events_idempotency_key_key",
        "events",
        ["idempotency_key"],
        unique=True,
        postgresql_where=sa.text("idempotency_key IS NOT NULL"),
    )
    op.execute(REFUSE_CHANGE)
    for name, when, level in TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {name} {when} ON events {level}"
            " EXECUTE FUNCTION events_refuse_change()"
        )
        op.execute(f"ALTER TABLE events ENABLE ALWAYS TRIGGER {name}")


def downgrade() -> None:
    """Drop the triggers, the trigger function, the indexes and the events table."""
    for name, _, _ in TRIGGERS:
        op.execute(f"DROP TRIGGER {name} ON events")
    op.execute("DROP FUNCTION events_refuse_change()")
    op.drop_index("events_idempotency_key_key", table_name="events")
    op.drop_index("events_recorded_at_idx", table_name="events")
    op.drop_index("events_stream_type_position_idx", table_name="events")
    op.drop_index("events_event_type_position_idx", table_name="events")
    op.drop_table("events")
