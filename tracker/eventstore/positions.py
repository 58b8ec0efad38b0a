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

Moves between clusters: the position clock carries an offset
----------------------------------------------------------------
Transaction ids belong to a cluster, not to the data. A dump restored into a new
cluster (a server move, a major upgrade by dump and restore, logical replication,
a restore from a logical backup) brings the stored positions along, but the new
cluster's xids start low: new appends would collide with stored positions or sort
below them, and readers past those positions would never see them.

So every xid above is read as `xid + xid_offset`, where `xid_offset` is the one row
of the `events_clock` table (0 on a cluster that never moved):

    position = ((xid + xid_offset) << 16) + ordinal
    horizon  = (xmin + xid_offset) << 16

With the offset constant, the argument above holds unchanged: adding the same
constant to every xid keeps their order, and "every running or later transaction
has xid >= xmin" still gives "every future position >= horizon".

`events_align_positions()` (a database function, so `migrate_all`, `import_events`,
every new store connection that finds the clock behind, and an append whose position
is taken all run the same code) changes the offset only when the clock is behind the
data, i.e. when the current transaction's first position is not above the highest
stored position. The check on each new connection takes no lock: in a cluster that
kept its xids no stored position reaches `(xmax + xid_offset) << 16`. It then sets

    xid_offset = (highest_position >> 16) + 1 - xmin

so that every transaction that can still write (xid >= xmin) lands above every stored
event. It holds a SHARE ROW EXCLUSIVE lock on `events` while it reads and writes the
clock: every writer that had started to append has committed or rolled back, and
every later append waits for the lock and then sees the new offset (an INSERT's
snapshot is taken after its locks). A reader's cursor is the position of an event it
read, never above the highest stored position, so nothing can appear behind it. The
function is the table owner's (SECURITY DEFINER): the application may call it but
cannot set the clock to anything else. When the clock is already ahead it changes
nothing, so running it at every start is cheap (an index lookup) and safe.

`pg_upgrade` keeps xids and needs none of this; a physical copy (`pg_basebackup`,
a streaming replica) keeps them too.
"""

from __future__ import annotations

ORDINAL_BITS = 16
MAX_EVENTS_PER_TRANSACTION = 1 << ORDINAL_BITS

# The clock's offset: what this store adds to every transaction id (see above).
OFFSET = "(SELECT xid_offset FROM events_clock)"

# The first position of the current transaction (assigns it an xid if it has none).
TRANSACTION_BASE = f"((pg_current_xact_id()::text::bigint + {OFFSET}) << 16)"

# Every event below this position is committed and visible, and none can ever join them.
HORIZON = f"(SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::bigint + {OFFSET}) << 16)"

# Move the clock above every stored position if it is behind; returns the offset in force.
ALIGN = "SELECT events_align_positions()"


def transaction_range(position: int) -> tuple[int, int]:
    """Return the [first, end) positions of the transaction that wrote `position`."""
    first = (position >> ORDINAL_BITS) << ORDINAL_BITS
    return first, first + MAX_EVENTS_PER_TRANSACTION
