"""Back the event store up as JSON Lines and restore it: what export_events and import_events do."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from tracker import bootstrap
from tracker.eventstore import jsonl
from tracker.eventstore.alignment import align_positions
from tracker.eventstore.exporting import ExportReport, export_events, export_range, resume_point
from tracker.eventstore.importing import import_events
from tracker.projections.rebuild import RebuildReport, rebuild

Progress = Callable[[int], object]


@dataclass(frozen=True)
class ExportOutcome:
    """What events_export did: where it started, what it wrote, and whether it resumed a file."""

    after: int
    resumed: bool
    report: ExportReport


@dataclass(frozen=True)
class RestoreReport:
    """What events_restore did: the events stored, the clock's offset, the rebuilt read models."""

    events: int
    last_position: int
    clock_offset: int
    rebuild: RebuildReport


def events_export(
    *,
    output: str,
    after: int | None = None,
    started: Progress | None = None,
    progress: Progress | None = None,
) -> ExportOutcome:
    """Export the store to `output` ("-": stdout), resuming a file an earlier export began."""
    resumed = None if output == "-" else resume_point(output)
    if resumed is not None and after is not None and after != resumed:
        raise jsonl.BackupFormatError(
            f"{output} already holds an export up to position {resumed}, and resumes from "
            "there: leave out --after, or export to a new file"
        )
    start = resumed if resumed is not None else (after or 0)
    engine = bootstrap.engine()
    span = export_range(engine, start)
    if started:
        started(span.count)
    with _opened(output) as out:
        report = export_events(engine, out, span, header=resumed is None, progress=progress)
    return ExportOutcome(start, resumed is not None, report)


def events_restore(
    *, path: str, progress: Progress | None = None, rebuilding: Progress | None = None
) -> RestoreReport:
    """Import an export into the empty store, align the position clock, rebuild the read models.

    `progress` receives the bytes read, `rebuilding` the events folded by the rebuild.
    """
    engine = bootstrap.engine()
    with open(path, "rb") as lines:
        imported = import_events(engine, lines, progress=progress)
    offset = align_positions(engine)  # already aligned by the import; returns the offset in force
    rebuilt = rebuild(bootstrap.event_store(), progress=rebuilding)
    return RestoreReport(imported.events, imported.last_position, offset, rebuilt)


@contextlib.contextmanager
def _opened(output: str) -> Iterator[BinaryIO]:
    """Yield stdout's bytes for "-", else the file opened for appending."""
    if output == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with open(output, "ab") as out:
        yield out
