"""Restore the event store from an export_events file, then rebuild the read models."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from tracker.eventstore import EventStoreError
from tracker.ops.backup import events_restore


class Command(BaseCommand):
    help = (
        "Load an export_events file into an EMPTY event store (refused if it holds any event), "
        "in one transaction: all events or none. Keeps event ids, positions, versions and "
        "times, aligns the position clock above them, then rebuilds every read model."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept the file and --no-progress."""
        parser.add_argument("file", help="a file written by export_events")
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args: Any, **options: Any) -> None:
        """Import with progress bars (bytes read, then events folded) and say what was stored."""
        disable = True if options["no_progress"] else None  # None: shown on a terminal only
        bars: list[tqdm[Any]] = []  # the rebuild's bar, shown once the import has finished

        def folded(count: int) -> None:
            if not bars:
                read.close()
                bars.append(tqdm(desc="rebuild", unit="ev", disable=disable))
            bars[0].update(count)

        try:
            size = os.path.getsize(options["file"])
            with tqdm(
                desc="import", total=size, unit="B", unit_scale=True, disable=disable
            ) as read:
                report = events_restore(
                    path=options["file"], progress=read.update, rebuilding=folded
                )
        except (EventStoreError, OSError) as error:
            raise CommandError(str(error)) from None
        finally:
            for bar in bars:
                bar.close()
        self.stdout.write(
            f"imported {report.events} events up to position {report.last_position} "
            f"(position clock offset {report.clock_offset}); rebuilt {report.rebuild.stories} "
            f"stories and {report.rebuild.actors} actors"
        )
