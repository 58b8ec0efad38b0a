"""What every write view passes to its service, and how it renders the WriteResult."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from tracker.api.auth import Principal
from tracker.api.headers import etag, expected_version, idempotency_key
from tracker.services.results import WriteResult


def who(request: HttpRequest) -> dict[str, Any]:
    """Return the `recorded_by` metadata of the request's caller."""
    principal: Principal = request.auth  # set by ninja's auth
    return principal.recorded_by()


def write_args(request: HttpRequest, *, key: str | None) -> dict[str, Any]:
    """Return the recorded_by and idempotency_key arguments of a write service."""
    return {"recorded_by": who(request), "idempotency_key": idempotency_key(key)}


def story_write_args(
    request: HttpRequest, *, key: str | None, if_match: str | None
) -> dict[str, Any]:
    """Return write_args plus the expected_version an If-Match header names."""
    return {**write_args(request, key=key), "expected_version": expected_version(if_match)}


PENDING_HEADER = "X-Projection-Pending"


def mark(response: HttpResponse, result: WriteResult) -> None:
    """Set ETag (the new version); flag an idempotent replay and a write reads do not show yet."""
    response["ETag"] = etag(result.version)
    if result.duplicate:
        response["Idempotent-Replayed"] = "true"
    if result.projection_pending is not None:
        response[PENDING_HEADER] = str(result.projection_pending)


def story_created(result: WriteResult) -> dict[str, Any]:
    """Render the answer of POST /stories."""
    return {
        "id": result.stream_id,
        "slug": result.slug,
        "version": result.version,
        "position": result.position,
    }


def story_written(result: WriteResult) -> dict[str, Any]:
    """Render the answer of a development, correction or retraction."""
    return {
        "event_id": result.event_id,
        "story_id": result.stream_id,
        "version": result.version,
        "position": result.position,
        "actors_registered": [
            {"id": actor.id, "name": actor.name, "kind": actor.kind}
            for actor in result.actors_registered
        ],
    }


def actor_written(result: WriteResult) -> dict[str, Any]:
    """Render the answer of an actor write."""
    return {
        "id": result.stream_id,
        "event_id": result.event_id,
        "version": result.version,
        "position": result.position,
    }
