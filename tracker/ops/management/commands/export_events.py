"""Write the event store as JSON Lines: a backup that import_events restores."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from tracker.eventstore import EventStoreError
from tracker.ops.backup import events_export


class Command(BaseCommand):
    help = (
        "Write every event, every column, in position order as JSON Lines (a header line, then "
        "one event a line). Writing to a file that an interrupted export left resumes after its "
        "last event."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept --output, --after and --no-progress."""
        parser.add_argument(
            "--output", "-o", default="-", help="file to write or resume (default -: stdout)"
        )
        parser.add_argument(
            "--after",
            type=_position,
            default=None,
            help="export only the events after this position",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        """Export, with a progress bar on stderr, and say what was written."""
        disable = True if options["no_progress"] else None  # None: shown on a terminal only
        with tqdm(desc="events exported", unit="ev", disable=disable) as bar:
            try:
                outcome = events_export(
                    output=options["output"],
                    after=options["after"],
                    started=lambda total: bar.reset(total=total),
                    progress=bar.update,
                )
            except (EventStoreError, OSError) as error:
                raise CommandError(str(error)) from None
        report = outcome.report
        verb = f"resumed after position {outcome.after}" if outcome.resumed else "exported"
        self.stderr.write(
            f"{verb}: {report.events} events written, up to position {report.last_position}"
        )


def _position(text: str) -> int:
    """Return a position given on the command line: a whole number, 0 or more."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a position (a whole number, 0 or more): {text!r}")
    return int(text)
