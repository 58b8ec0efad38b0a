"""Serve the tracker: granian (WSGI, threads) and a stream server, with a projector thread."""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.ops import serving

STOP_SECONDS = 30


class Command(BaseCommand):
    help = (
        "Serve the tracker on HOST:PORT (default 127.0.0.1:8000) with granian: WSGI worker "
        "processes (WEB_WORKERS, default one per core) of WEB_THREADS threads (default 4), and "
        "one ASGI process on STREAM_PORT (default PORT+1) for GET /api/v1/events/stream, to "
        "which the other port redirects. A projector thread keeps the read models in step "
        "with writes made elsewhere (it waits as a standby while another projector leads)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept host, ports, workers, threads and whether to run the projector thread."""
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, help="WSGI worker processes (WEB_WORKERS)")
        parser.add_argument("--threads", type=int, help="threads per worker (WEB_THREADS)")
        parser.add_argument(
            "--stream-port", type=int, help="port of the event streams (STREAM_PORT; 0: none)"
        )
        parser.add_argument(
            "--no-projector", action="store_true", help="do not run a projector thread"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Start the servers and the projector thread; stop them all on SIGTERM or SIGINT."""
        plan = serving.Plan.from_environment(options["host"], options["port"])
        given = {
            k: options[k] for k in ("workers", "threads", "stream_port") if options[k] is not None
        }
        plan = dataclasses.replace(plan, **given)
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        if not options["no_projector"]:
            threading.Thread(target=_project, args=(stop,), name="projector", daemon=True).start()
        servers = serving.start(plan)
        self.stdout.write(
            f"serving on http://{plan.host}:{plan.port}/ ({plan.workers} workers x "
            f"{plan.threads} threads; docs: /api/v1/docs, admin: /admin/)"
            + (f"; event streams on port {plan.stream_port}" if plan.stream_port else "")
        )
        self.stdout.flush()
        try:
            while not stop.wait(0.5):
                if any(server.poll() is not None for server in servers):
                    raise CommandError("a server process ended; stopping the others")
        finally:
            stop.set()
            serving.stop(servers, STOP_SECONDS)


def _project(stop: threading.Event) -> None:
    from tracker import bootstrap
    from tracker.projections import projector

    projector.run(bootstrap.event_store(), stop=stop)
