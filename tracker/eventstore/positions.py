"""Global positions: why readers below the snapshot horizon can never skip an event.

An event's position is `(xid << 16) + ordinal`: the 64-bit id of the transaction
that wrote it (`pg_current_xact_id()`, epoch included, so it never wraps) shifted
left by 16 bits, plus its 0-based ordinal among that transaction's events (one
transaction holds at most 65,536 events). Positions are therefore unique,
grouped by transaction, ordered by xid, and sparse: clients must not assume
that position p + 1 exists.

Commit order differs from xid order, so a reader must not simply read "everything
committed so far": a transaction with a small xid may commit after one with a
larger xid, and a reader that had moved past the larger position would never go
back. Instead every global read is limited to

    position < horizon,   horizon = pg_snapshot_xmin(pg_current_snapshot()) << 16

in the same statement (so in the same snapshot). The snapshot's xmin is the
oldest transaction id still running when the snapshot was taken:

* every transaction with an xid below xmin has finished, committed or rolled
  back, and a committed one is visible in this snapshot (and in every later one);
* every transaction still running, and every one that starts later, has an
  xid >= xmin, so all of its events lie at or above the horizon.

Hence the set of events below a horizon is final the moment a reader sees it:
nothing can ever appear later below a position a reader has already passed.
Reading in position order after the last position read can therefore never
skip an event, with no timeout and no gap detection.

The price is liveness, not safety: a transaction that holds an xid for long
(anywhere in the cluster, any database: xmin is cluster-wide) holds the horizon
back, and global readers wait until it ends. Keep write transactions short, and
do not call `read_all` from inside a transaction that has itself written: its
own xid caps the horizon, so it cannot see events committed after it started.
With `synchronous_commit = off` a reader may see an event that a crash then
loses; that is a property of asynchronous commit, not of this scheme.
"""

from __future__ import annotations

ORDINAL_BITS = 16
MAX_EVENTS_PER_TRANSACTION = 1 << ORDINAL_BITS

# The first position of the current transaction (assigns it an xid if it has none).
TRANSACTION_BASE = "(pg_current_xact_id()::text::bigint << 16)"

# Every event below this position is committed and visible, and none can ever join them.
HORIZON = "(SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 16)"


def transaction_range(position: int) -> tuple[int, int]:
    """Return the [first, end) positions of the transaction that wrote `position`."""
    first = (position >> ORDINAL_BITS) << ORDINAL_BITS
    return first, first + MAX_EVENTS_PER_TRANSACTION
