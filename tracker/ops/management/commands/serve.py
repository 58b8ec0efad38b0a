"""Serve the tracker over HTTP with uvicorn (ASGI), with a projector thread beside it."""

from __future__ import annotations

import os
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Serve the tracker with uvicorn on HOST:PORT (default 127.0.0.1:8000). A projector "
        "thread keeps the read models in step with writes made elsewhere (it waits as a standby "
        "while another projector leads)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept host, port, workers and whether to run the projector thread."""
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "1")))
        parser.add_argument(
            "--no-projector", action="store_true", help="do not run a projector thread"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Start the projector thread, then run uvicorn until interrupted."""
        import uvicorn

        stop = threading.Event()
        if not options["no_projector"]:
            threading.Thread(target=_project, args=(stop,), name="projector", daemon=True).start()
        host, port = options["host"], options["port"]
        self.stdout.write(f"serving on http://{host}:{port}/ (docs: /api/v1/docs, admin: /admin/)")
        try:
            uvicorn.run(
                "tracker.asgi:application",
                host=host,
                port=port,
                workers=options["workers"],
                log_level="warning",
                lifespan="off",
            )
        finally:
            stop.set()


def _project(stop: threading.Event) -> None:
    from tracker import bootstrap
    from tracker.projections import projector

    projector.run(bootstrap.event_store(), stop=stop)
