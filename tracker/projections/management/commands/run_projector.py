"""The projector worker: keeps the read models in step with the event store."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from tracker import bootstrap
from tracker.projections import projector


class Command(BaseCommand):
    help = (
        "Apply new events to the read models until SIGTERM/SIGINT. Only one worker leads at a "
        "time; others wait as hot standbys and take over when the leader stops or dies."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept the batch size and whether to show progress."""
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the projector until a signal asks it to stop after the current batch."""
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        bar = tqdm(desc="events applied", unit="ev", disable=options["no_progress"])
        projector.run(
            bootstrap.event_store(),
            stop=stop,
            batch_size=options["batch_size"],
            on_batch=bar.update,
            on_lead=self._leading,
        )
        bar.close()
        self.stdout.write(f"projector stopped at position {projector.checkpoint_position()}")

    def _leading(self, position: int) -> None:
        self.stdout.write(f"leading from position {position}")
        self.stdout.flush()
