"""Errors raised before a request reaches the API (bad Host header, unknown path) as JSON errors."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views import defaults

from tracker.api.errors import error_response

API_PREFIX = "/api/"


def _for_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Answer a request Django refused (e.g. a disallowed Host header) before any view ran."""
    if _for_api(request):
        return error_response(
            400, "bad_request", "The request is malformed or its Host is not served here."
        )
    return defaults.bad_request(request, exception)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Answer a path no route matches."""
    if _for_api(request):
        return error_response(404, "not_found", f"No API route matches {request.path}.")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """Answer an error no handler caught, without details."""
    if _for_api(request):
        return error_response(
            500, "internal_error", "The server failed to answer; nothing was changed."
        )
    return defaults.server_error(request)
