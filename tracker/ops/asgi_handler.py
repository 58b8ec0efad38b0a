"""Django's ASGI handler, with the event streams' sync work on one shared thread.

Django's own handler opens an asgiref `ThreadSensitiveContext` per request, and the first
sync call inside it (the `request_started` signal, a sync middleware) starts a thread that
lives as long as the request. A server-sent event stream lasts hours, so each open stream
held an idle thread: 1,100 streams, 1,117 threads, and their objects in every garbage
collection. Requests to the `shared_paths` (the event stream) skip that context: asgiref runs
their thread-sensitive calls on its one shared thread, as it does for code outside any
request. Every other request (health, ping) keeps a short-lived thread of its own, so a slow
database holding one of them up holds up nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from asgiref.sync import ThreadSensitiveContext
from django.core.handlers.asgi import ASGIHandler


class SharedThreadASGIHandler(ASGIHandler):
    """Serve requests as Django's ASGIHandler does; those to `shared_paths` hold no thread."""

    def __init__(self, shared_paths: Iterable[str]) -> None:
        super().__init__()
        self.shared_paths = frozenset(shared_paths)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Handle an HTTP request; refuse other connection types as Django does."""
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        if scope.get("path") in self.shared_paths:
            await self.handle(scope, receive, send)
            return
        async with ThreadSensitiveContext():
            await self.handle(scope, receive, send)
