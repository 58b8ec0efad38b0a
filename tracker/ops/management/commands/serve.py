"""Serve the tracker over HTTP with uvicorn (ASGI)."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the tracker with uvicorn on HOST:PORT (default 127.0.0.1:8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept host, port and worker count; the environment gives the defaults."""
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "1")))

    def handle(self, *args: Any, **options: Any) -> None:
        """Collect static files and run uvicorn until interrupted."""
        import uvicorn

        host, port = options["host"], options["port"]
        self.stdout.write(
            f"serving on http://{host}:{port}/  (API docs: /api/v1/docs, admin: /admin/)"
        )
        uvicorn.run(
            "tracker.asgi:application",
            host=host,
            port=port,
            workers=options["workers"],
            log_level="warning",
            lifespan="off",
        )
