"""Django's ASGI handler with every request's sync work on one shared thread, not one each.

Django's own handler opens an asgiref `ThreadSensitiveContext` per request, and the first
sync call inside it (the `request_started` signal, a sync middleware) starts a thread that
lives as long as the request. A server-sent event stream lasts hours, so each open stream
held an idle thread: 2,000 streams, 2,000 threads, and their objects in every garbage
collection. Without that context, asgiref runs thread-sensitive calls on its one shared
thread, as it does for code outside any request; the stream process's sync work (signals,
middleware, the health view) is small, and the streams themselves are async.
"""

from __future__ import annotations

from typing import Any

from django.core.handlers.asgi import ASGIHandler


class SharedThreadASGIHandler(ASGIHandler):
    """Serve each HTTP request as Django's ASGIHandler does, minus a thread per request."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Handle an HTTP request; refuse other connection types as Django does."""
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        await self.handle(scope, receive, send)
