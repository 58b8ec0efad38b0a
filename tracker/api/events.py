"""GET /events (the global feed) and GET /events/stream (the same, as server-sent events)."""

from __future__ import annotations

from typing import Any

from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, StreamingHttpResponse
from ninja import HeaderEx, P, Query, Router

from tracker.api.auth import read_auth
from tracker.api.errors import ApiError, responses
from tracker.api.headers import last_event_id
from tracker.api.schemas.events import EventPageOut
from tracker.api.schemas.queries import FeedQuery, StreamQuery
from tracker.api.stream import sse_frames
from tracker.services.selectors import events_feed

router = Router(tags=["events"], auth=read_auth)

SSE_DOC: dict[str, Any] = {
    "responses": {
        200: {
            "description": "An endless text/event-stream: `id` is the position, `event` the "
            "type, `data` the event envelope; `: keepalive` comments every 15 s.",
            "content": {"text/event-stream": {"schema": {"type": "string"}}},
        }
    }
}


@router.get("/events", response=responses({200: EventPageOut}, 400, 401, 422))
def events_list(request: HttpRequest, params: Query[FeedQuery]) -> dict[str, Any]:
    """Return the global feed after a position, in position order."""
    return events_feed(
        after=params.after, limit=params.limit, types=params.type, stream_types=params.stream_type
    )


@router.get("/events/stream", response=responses({}, 400, 401, 422, 501), openapi_extra=SSE_DOC)
async def events_stream(
    request: HttpRequest,
    params: Query[StreamQuery],
    last_event: HeaderEx[str | None, P(alias="Last-Event-ID")] = None,
) -> StreamingHttpResponse:
    """Stream every event after `after` (or Last-Event-ID), then new ones as they commit."""
    if not isinstance(request, ASGIRequest):  # WSGI would buffer the endless stream
        raise ApiError(501, "not_implemented", "The event stream needs the ASGI server.")
    after = last_event_id(last_event, default=params.after)
    frames = sse_frames(after=after, types=params.type, stream_types=params.stream_type)
    response = StreamingHttpResponse(frames, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response
