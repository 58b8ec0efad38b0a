"""Keep the position clock above every stored event after a restore into another cluster."""

from __future__ import annotations

import logging

import psycopg
from sqlalchemy import Engine, text

from tracker.eventstore.connections import Raw
from tracker.eventstore.positions import ALIGN, OFFSET

# True when a stored position lies at or above where the next transaction would write:
# never on a cluster that kept its xids (every stored xid is below xmax), always after a
# restore into a cluster whose xids start lower. An index lookup; takes no lock.
BEHIND = f"""SELECT coalesce((SELECT max(position) FROM events), -1)
    >= ((pg_snapshot_xmax(pg_current_snapshot())::text::bigint + {OFFSET}) << 16)"""

log = logging.getLogger(__name__)


def clock_offset(engine: Engine) -> int:
    """Return the offset the store adds to transaction ids."""
    with engine.connect() as connection:
        return int(connection.execute(text(f"SELECT {OFFSET}")).scalar_one())


def align_positions(engine: Engine) -> int:
    """Move the clock above every stored position if it is behind; return the offset in force.

    Cheap and safe to run at every start: it changes nothing unless a restore, a move or an
    import left the clock behind the data (see `tracker.eventstore.positions`).
    """
    before = clock_offset(engine)
    with engine.begin() as connection:
        after = int(connection.execute(text(ALIGN)).scalar_one())
    if after != before:
        log.warning(
            "event positions were behind the stored events (a restore into another cluster?): "
            "the position clock's offset moved from %d to %d",
            before,
            after,
        )
    return after


def aligned(raw: Raw) -> Raw:
    """Return a new store connection after moving the clock if a restore left it behind.

    Every connection the store opens is checked, so a process that reconnects to a database
    restored underneath it is as safe as one that starts after the restore.
    """
    try:
        behind = raw.execute(BEHIND).fetchone()
    except psycopg.errors.UndefinedTable:  # not migrated yet: migrate_all aligns it
        return raw
    if behind and behind[0]:
        offset = raw.execute(ALIGN).fetchone()
        log.warning(
            "event positions were behind the stored events (a restore into another cluster?): "
            "the position clock's offset is now %s",
            offset[0] if offset else "?",
        )
    return raw
