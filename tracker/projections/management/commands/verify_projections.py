"""Check the live read models against a fold of the events; exit 1 on any drift."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from tracker import bootstrap
from tracker.projections.verify import stuck_lines, verify


class Command(BaseCommand):
    help = (
        "Fold every story from the events in memory, compare with the live read models, print "
        "the differences and the stories stuck at a failure, and exit non-zero if there is any."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept --no-progress."""
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        """Verify and print the differences."""
        with tqdm(desc="events folded", unit="ev", disable=options["no_progress"]) as bar:
            differences = verify(bootstrap.event_store(), progress=bar.update)
        stuck = stuck_lines()
        for line in differences + stuck:
            self.stdout.write(line)
        if differences:
            raise CommandError(f"read models drifted: {len(differences)} difference(s)")
        if stuck:
            raise CommandError(
                f"{len(stuck)} stream(s) stuck at a failure (the others match the events); "
                "fix the cause, then run retry_projection"
            )
        self.stdout.write("read models match the events: no drift")
