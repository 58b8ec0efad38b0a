"""Keep the position clock above every stored event after a restore into another cluster."""

from __future__ import annotations

import logging

from sqlalchemy import Engine, text

from tracker.eventstore.positions import ALIGN, OFFSET

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
