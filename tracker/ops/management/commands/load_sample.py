"""Load the sample story (the seed article) once; running it again stores nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from tracker.sample import SAMPLE_FILE
from tracker.services.sample import sample_load


class Command(BaseCommand):
    help = "Load the sample story shipped with the tracker (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept the sample file name and --no-progress."""
        parser.add_argument("--name", default=SAMPLE_FILE, help="sample file in tracker/sample")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        """Load the sample and say what was stored."""
        with tqdm(desc="sample commands", unit="cmd", disable=options["no_progress"]) as bar:
            report = sample_load(name=options["name"], progress=bar.update)
        self.stdout.write(
            f"sample story {report.slug!r}: {report.stored} new events, "
            f"{report.already_there} already stored"
        )
