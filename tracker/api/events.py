"""GET /events (the global feed) and GET /events/stream (the same, as server-sent events)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from ninja import HeaderEx, P, Query, Router

from tracker.api.auth import read_auth
from tracker.api.errors import error_response, responses
from tracker.api.headers import last_event_id
from tracker.api.schemas.events import EventPageOut
from tracker.api.schemas.queries import FeedQuery, StreamQuery
from tracker.api.stream import HeldStream, places, sse_frames
from tracker.services.selectors.documents import feed_page_json

router = Router(tags=["events"], auth=read_auth)

STREAM_RETRY_SECONDS = 5
TOO_MANY = (
    "This server holds as many event streams as it may; retry shortly, "
    "or page through GET /events meanwhile."
)

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
def events_list(request: HttpRequest, params: Query[FeedQuery]) -> HttpResponse:
    """Return the global feed after a position, in position order."""
    body = feed_page_json(
        after=params.after, limit=params.limit, types=params.type, stream_types=params.stream_type
    )
    return HttpResponse(body, content_type="application/json")


@router.get(
    "/events/stream", response=responses({}, 400, 401, 422, 501, 503), openapi_extra=SSE_DOC
)
async def events_stream(
    request: HttpRequest,
    params: Query[StreamQuery],
    last_event: HeaderEx[str | None, P(alias="Last-Event-ID")] = None,
) -> HttpResponseBase:
    """Stream every event after `after` (or Last-Event-ID), then new ones as they commit.

    Each server process holds at most TRACKER_SSE_MAX_CLIENTS streams (503 too_many_streams
    beyond). Without a token, the backlog replays at TRACKER_SSE_ANONYMOUS_RATE events/s.
    """
    if not isinstance(request, ASGIRequest):  # WSGI would hold a thread per client
        return stream_elsewhere(request)
    after = last_event_id(last_event, default=params.after)
    place = places.take()
    if place is None:
        answer = error_response(503, "too_many_streams", TOO_MANY)
        answer["Retry-After"] = str(STREAM_RETRY_SECONDS)
        return answer
    anonymous = getattr(request.auth, "kind", "anonymous") == "anonymous"
    frames = sse_frames(
        after=after,
        types=params.type,
        stream_types=params.stream_type,
        rate=settings.TRACKER_SSE_ANONYMOUS_RATE if anonymous else None,
    )
    response = StreamingHttpResponse(HeldStream(frames, place), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


def stream_elsewhere(request: HttpRequest) -> HttpResponse:
    """Answer a stream request the threaded server got: 307 to the stream server, else 501."""
    base = settings.TRACKER_STREAM_URL
    if not base and settings.TRACKER_STREAM_PORT:
        base = f"{request.scheme}://{request.get_host().rsplit(':', 1)[0]}:"
        base += str(settings.TRACKER_STREAM_PORT)
    if not base:
        return error_response(501, "not_implemented", "The event stream needs the ASGI server.")
    answer = HttpResponse(status=307)
    answer["Location"] = base.rstrip("/") + request.get_full_path()
    return answer
