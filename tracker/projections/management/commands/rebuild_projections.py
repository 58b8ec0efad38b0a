"""Recompute every read model from the first event, beside the live ones."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from tracker import bootstrap
from tracker.projections.rebuild import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild all read models from position 0 into new tables while clients keep reading the "
        "old ones, then switch to them in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept --no-progress."""
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        """Rebuild and report what was rebuilt."""
        store = bootstrap.event_store()
        with tqdm(
            desc="events folded",
            unit="ev",
            disable=options["no_progress"],
        ) as bar:
            report = rebuild(store, progress=bar.update)
        self.stdout.write(
            f"rebuilt {report.stories} stories and {report.actors} actors from {report.events} "
            f"events (up to position {report.position})"
        )
