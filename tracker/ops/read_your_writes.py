"""Read-your-writes across replica lag: a write's answer sets a cookie, reads honour it.

A write answered with its `position` sets the cookie `tracker_position` (HttpOnly, for the
API's paths). While it lasts, the client's reads are served by a replica that has projected
that far, or by the primary (tracker.ops.replicas). It lasts the longest lag a replica may
have and still serve, plus a minute: past that, every replica that serves has replayed it.
Installed only when replicas are configured.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import orjson
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.cookie import parse_cookie

from tracker.dbrouting import request_floor

COOKIE = "tracker_position"
PATH = "/api/"
MAX_POSITION = 2**63 - 1
READS = ("GET", "HEAD")


def floor_of(value: str | None) -> int:
    """Return the position a cookie's value names (0 for none, or for anything but a number)."""
    if not value or not value.isdigit() or len(value) > 19:
        return 0
    number = int(value)
    return number if number <= MAX_POSITION else 0


def environ_floor(environ: dict[str, Any]) -> int:
    """Return the position a WSGI request's cookie names (0 without the cookie)."""
    header = environ.get("HTTP_COOKIE", "")
    if COOKIE not in header:
        return 0
    return floor_of(parse_cookie(header).get(COOKIE))


def written_position(response: HttpResponse) -> int | None:
    """Return the position a successful write's JSON answer reports, or None."""
    if response.streaming or not 200 <= response.status_code < 300:
        return None
    if not response.get("Content-Type", "").startswith("application/json"):
        return None
    with contextlib.suppress(orjson.JSONDecodeError):
        body = orjson.loads(response.content)
        position = body.get("position") if isinstance(body, dict) else None
        if isinstance(position, int) and 0 < position <= MAX_POSITION:
            return position
    return None


class ReadYourWritesMiddleware:
    """Let API reads use replicas at the client's last write; set that position on writes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Open API reads to replicas; remember the position of an API write in its cookie."""
        if not request.path.startswith(PATH):
            return self.get_response(request)
        if request.method in READS:
            token = request_floor.set(floor_of(request.COOKIES.get(COOKIE)))
            try:
                return self.get_response(request)
            finally:
                request_floor.reset(token)
        response = self.get_response(request)
        position = written_position(response)
        if position is not None:
            response.set_cookie(
                COOKIE,
                str(position),
                max_age=settings.TRACKER_REPLICA_MAX_LAG_SECONDS + 60,
                path=PATH,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
