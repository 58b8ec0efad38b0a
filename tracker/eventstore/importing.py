"""Import an export (see `jsonl`) into an empty store: COPY in batches, in one transaction.

The whole import is one transaction: it stores every event of the file or, on any
error or interruption, none, so an import that failed can simply be run again.
It takes a lock that keeps writers out while it runs, and refuses a store that
already holds events. Event ids, positions, versions, timestamps and hashes are
copied as they are, and the position clock is aligned above them before the commit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import Engine

from tracker.eventstore import jsonl
from tracker.eventstore.connections import Raw, connect
from tracker.eventstore.errors import EventStoreError
from tracker.eventstore.positions import ALIGN
from tracker.eventstore.schema import events

BATCH = 10_000


class StoreNotEmpty(EventStoreError):
    """The store already holds events: an import only ever fills an empty store."""


@dataclass(frozen=True)
class ImportReport:
    """What an import stored: how many events, and the first and last positions."""

    events: int
    first_position: int
    last_position: int


def import_events(
    engine: Engine,
    lines: Iterable[bytes],
    *,
    batch: int = BATCH,
    progress: Callable[[int], object] | None = None,
) -> ImportReport:
    """Store every event of an export's lines in an empty store; `progress` gets bytes read."""
    codecs = jsonl.codecs(events)
    names = [codec.name for codec in codecs]
    lines = iter(lines)
    header = next(lines, b"")
    if jsonl.read_header(header, names) != 0:
        raise jsonl.BackupFormatError(
            "the file holds only the events after a position: an import needs a full export"
        )
    if progress:
        progress(len(header))
    at = names.index("position")
    quoted = ", ".join(f'"{name}"' for name in names)
    copy_sql = f"COPY events ({quoted}) FROM STDIN"
    count, first, last = 0, 0, 0
    with contextlib.closing(connect(engine)) as raw, raw.transaction():
        _refuse_unless_empty(raw)
        for rows in _batches(lines, jsonl.decoder(codecs), at, batch):
            try:
                with raw.cursor().copy(copy_sql) as copy:
                    for row, _ in rows:
                        copy.write_row(row)
            except (psycopg.errors.DataError, psycopg.errors.IntegrityError) as error:
                lines_read = f"lines {count + 2}-{count + len(rows) + 1}"
                raise jsonl.BackupFormatError(f"the store refused {lines_read}: {error}") from None
            first, last = first or rows[0][0][at], rows[-1][0][at]
            count += len(rows)
            if progress:
                progress(sum(size for _, size in rows))
        # Move the position clock above the imported events before anyone can append: a
        # writer waiting for the lock then lands above them, even in another cluster.
        raw.execute(ALIGN)
    return ImportReport(count, first, last)


def store_is_empty(engine: Engine) -> bool:
    """Return whether the store holds no event at all."""
    with contextlib.closing(connect(engine)) as raw:
        row = raw.execute("SELECT NOT EXISTS (SELECT FROM events)").fetchone()
    return bool(row and row[0])


def _refuse_unless_empty(raw: Raw) -> None:
    """Keep writers out until the import commits, then refuse a store that holds events."""
    raw.execute("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE")
    held = raw.execute("SELECT count(*) FROM (SELECT FROM events LIMIT 1) AS one").fetchone()
    if held and held[0]:
        raise StoreNotEmpty("the event store already holds events: import only into an empty one")


def _batches(
    lines: Iterator[bytes], decode: Callable[[bytes], list[Any]], at: int, size: int
) -> Iterator[list[tuple[list[Any], int]]]:
    """Yield lists of (row, bytes read) of up to `size` events, checking ascending positions."""
    batch: list[tuple[list[Any], int]] = []
    previous = 0
    for number, line in enumerate(lines, start=2):
        if not line.endswith(b"\n"):
            raise jsonl.BackupFormatError(
                f"line {number} is cut short: was the export interrupted?"
            )
        try:
            row = decode(line)
        except ValueError as error:
            raise jsonl.BackupFormatError(f"line {number}: {error}") from None
        position = row[at]
        if not isinstance(position, int) or position <= previous:
            raise jsonl.BackupFormatError(
                f"line {number}: position {position} does not follow {previous}"
            )
        previous = position
        batch.append((row, len(line)))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
