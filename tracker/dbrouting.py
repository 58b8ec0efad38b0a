"""Send the selectors' reads to streaming replicas: the scope of one read, and Django's router.

With DATABASE_REPLICA_URLS set, an API read (GET or HEAD under /api/) that goes through a
selector marked `@replica_read` runs in a scope: its ORM queries (the router) and its SQL
(`reading_alias()`) go to the replica `tracker.ops.replicas.choose` picks at its first
query, one at the position the read must show: its `min_position`, or the client's own last
write (the cookie `ReadYourWritesMiddleware` sets on write answers). Everything else reads
and writes the primary: writes and transactions, the projector, health, tokens, the admin,
the global feed (`GET /events`, the event streams) and the event store.

The global feed must stay on the primary: its readers stop below the horizon
`pg_snapshot_xmin(pg_current_snapshot())` (tracker/eventstore/positions.py), which is safe
only where every running transaction holds a place in the snapshot. A standby's snapshot is
built from the transaction ids the WAL has announced so far: a primary transaction that took
its id (an append does at once) but wrote no WAL yet is unknown there, so a standby's xmin
can pass it, and its events would later appear below a position a reader has passed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from django.db import connections

from tracker.ops import replicas

P = ParamSpec("P")
R = TypeVar("R")
PRIMARY = replicas.PRIMARY


@dataclass
class Scope:
    """One read: the position it must show, the alias chosen (None: not yet), primary pins."""

    floor: int
    alias: str | None = None
    pinned: int = 0


_scope: ContextVar[Scope | None] = ContextVar("replica_scope", default=None)
#: The position an API read must show (0: any); None outside requests that may use replicas.
request_floor: ContextVar[int | None] = ContextVar("replica_request_floor", default=None)


@contextmanager
def reading(floor: int) -> Iterator[Scope]:
    """Run a read on a replica at `floor` or beyond (chosen at its first query) or the primary."""
    scope = Scope(floor) if replicas.aliases() else Scope(floor, PRIMARY)
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)


def reading_alias() -> str:
    """Return the database the current read goes to (the primary outside a replica scope)."""
    scope = _scope.get()
    if scope is None or scope.pinned or scope.alias == PRIMARY:
        return PRIMARY
    if connections[PRIMARY].in_atomic_block:
        return PRIMARY  # in a transaction on the primary, its reads stay with its writes
    if scope.alias is None:
        scope.alias = replicas.choose(scope.floor)
    return scope.alias


def on_replica() -> bool:
    """Return whether the current read goes to a replica."""
    return reading_alias() != PRIMARY


@contextmanager
def primary() -> Iterator[None]:
    """Send the queries inside to the primary (catching the projection up, for one)."""
    scope = _scope.get()
    if scope is not None:
        scope.pinned += 1
    try:
        yield
    finally:
        if scope is not None:
            scope.pinned -= 1


def to_primary() -> None:
    """Send the rest of the current read to the primary (the replica cannot answer it right)."""
    scope = _scope.get()
    if scope is not None:
        scope.alias = PRIMARY


def replica_read(selector: Callable[P, R]) -> Callable[P, R]:
    """Run a selector on a replica during API reads; on the primary again if the replica fails."""

    @functools.wraps(selector)
    def read(*args: P.args, **kwargs: P.kwargs) -> R:
        floor = request_floor.get()
        if floor is None or _scope.get() is not None or not replicas.aliases():
            return selector(*args, **kwargs)
        wanted = kwargs.get("min_position")
        with reading(max(floor, wanted if isinstance(wanted, int) else 0)) as scope:
            try:
                return selector(*args, **kwargs)
            except replicas.DATABASE_ERRORS as error:
                if scope.alias in (None, PRIMARY):
                    raise
                replicas.failed(scope.alias, error)
                scope.alias = PRIMARY
            return selector(*args, **kwargs)  # reads change nothing: run again on the primary

    return read


class ReplicaRouter:
    """Django's router: reads in a replica scope go to its replica, everything else the primary."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        """Return the alias of the current read."""
        return reading_alias()

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        """Return the primary: replicas are read-only."""
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        """Allow relations across aliases: a replica holds the primary's very rows."""
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        """Migrate the primary only: replicas replay its schema."""
        return db == PRIMARY
