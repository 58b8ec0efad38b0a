"""Export the store as JSON Lines (see `jsonl`), in batches, resumable from a position or a file.

An export reads in position order by keyset (`position > last ORDER BY position
LIMIT n`), each batch its own statement, so memory stays constant and no
transaction stays open. It stops at the last position below the horizon when it
starts: every event up to there is final, so a later export resuming after any
exported position never misses an event.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy import Engine

from tracker.eventstore import jsonl, reading
from tracker.eventstore.connections import connect
from tracker.eventstore.schema import events

BATCH = 10_000
TAIL_CHUNK = 1 << 16  # bytes read at a time when looking for a file's last line


@dataclass(frozen=True)
class ExportRange:
    """What an export covers: the events after `after` up to `until`, `count` of them."""

    after: int
    until: int
    count: int


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote: how many events, and the last position written (or resumed at)."""

    events: int
    last_position: int


def export_range(engine: Engine, after: int) -> ExportRange:
    """Return the range an export after `after` covers now: up to the horizon, and its size."""
    with contextlib.closing(connect(engine)) as raw:
        until = max(reading.scalar(raw, reading.LAST_POSITION, {}), after)
        count = reading.scalar(
            raw,
            "SELECT count(*) FROM events WHERE position > %(after)s AND position <= %(until)s",
            {"after": after, "until": until},
        )
    return ExportRange(after, until, count)


def export_events(
    engine: Engine,
    out: BinaryIO,
    span: ExportRange,
    *,
    header: bool = True,
    batch: int = BATCH,
    progress: Callable[[int], object] | None = None,
) -> ExportReport:
    """Write the events of `span` to `out`, after a header line unless `header` is false."""
    codecs = jsonl.codecs(events)
    line = jsonl.encoder(codecs)
    sql = (
        f"SELECT {', '.join(codec.select for codec in codecs)} FROM events"
        " WHERE position > %(after)s AND position <= %(until)s ORDER BY position LIMIT %(limit)s"
    )
    if header:
        out.write(jsonl.header_line([codec.name for codec in codecs], span.after))
    written, last = 0, span.after
    with contextlib.closing(connect(engine)) as raw:
        while last < span.until:
            params = {"after": last, "until": span.until, "limit": batch}
            rows = raw.execute(sql, params, prepare=True).fetchall()
            if not rows:
                break
            out.write(b"".join(line(row) for row in rows))
            out.flush()  # an interrupted export leaves at most one partial line behind
            written, last = written + len(rows), rows[-1][0]
            if progress:
                progress(len(rows))
    return ExportReport(written, last)


def resume_point(path: str | os.PathLike[str]) -> int | None:
    """Return the position an export into `path` resumes after, or None for a new file.

    A partial last line (an export interrupted mid-write) is cut off first. The file's
    header must match the events table's columns: an export never mixes two formats.
    """
    columns = [column.name for column in events.columns]
    try:
        handle = open(path, "r+b")  # noqa: SIM115 (closed below; opening may fail first)
    except FileNotFoundError:
        return None
    with handle:
        size = handle.seek(0, os.SEEK_END)
        end = _line_start(handle, size)  # just after the last complete line
        handle.seek(0)
        if end == 0:  # not even a whole header: an export interrupted at once, or another file
            if not jsonl.HEADER_START.startswith(handle.read(len(jsonl.HEADER_START))):
                raise jsonl.BackupFormatError(f"{os.fspath(path)!r} is not an export of events")
            handle.truncate(0)
            return None
        after = jsonl.read_header(handle.readline(), columns)
        handle.truncate(end)
        if handle.tell() == end:  # the header alone
            return after
        handle.seek(_line_start(handle, end - 1))
        last = handle.read(end - handle.tell())
        try:
            position = jsonl.decoder(jsonl.codecs(events))(last)[columns.index("position")]
        except ValueError as error:
            raise jsonl.BackupFormatError(
                f"the file's last line is not an event: {error}"
            ) from None
        return int(position)


def _line_start(handle: BinaryIO, limit: int) -> int:
    """Return the offset just after the last newline before offset `limit` (0 if none)."""
    end = limit
    while end > 0:
        start = max(0, end - TAIL_CHUNK)
        handle.seek(start)
        newline = handle.read(end - start).rfind(b"\n")
        if newline >= 0:
            return start + newline + 1
        end = start
    return 0
