"""The NinjaAPI subclass: JSON 404/405 for unknown paths and methods; the full OpenAPI."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from tracker.api.errors import error_response
from tracker.api.openapi import add_development_schemas


def _as_json_405(response: HttpResponseBase) -> HttpResponseBase:
    """Return ninja's plain-text 405 as the JSON error, keeping its Allow header."""
    if not isinstance(response, HttpResponseNotAllowed):
        return response
    allowed = _with_head(response["Allow"])
    answer = error_response(
        405, "method_not_allowed", f"This path allows only {allowed}.", allowed=allowed
    )
    answer["Allow"] = allowed
    return answer


def _as_head(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """Return a GET's answer to a HEAD: the same status and headers, no body."""
    request.method = "HEAD"
    if isinstance(response, HttpResponseNotAllowed):
        return response
    if response.streaming:  # an endless stream: answer its headers only, never start it
        response.close()
        head = HttpResponse(status=response.status_code)
        for name, value in response.items():
            head[name] = value
        return head
    assert isinstance(response, HttpResponse)
    length = len(response.content)
    response.content = b""
    response["Content-Length"] = str(length)
    return response


def _with_head(allowed: str) -> str:
    """Return an Allow header that names HEAD wherever it names GET."""
    methods = [method.strip() for method in allowed.split(",")]
    return ", ".join([*methods, "HEAD"]) if "GET" in methods else allowed


def _json_405(view: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a ninja path view: HEAD as GET without a body; an unserved method in JSON."""
    if inspect.iscoroutinefunction(view):

        @wraps(view)
        async def async_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method == "HEAD":
                request.method = "GET"
                answer = _as_head(request, await view(request, *args, **kwargs))
                return _as_json_405(answer)
            return _as_json_405(await view(request, *args, **kwargs))

        return async_view

    @wraps(view)
    def sync_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "HEAD":
            request.method = "GET"
            return _as_json_405(_as_head(request, view(request, *args, **kwargs)))
        return _as_json_405(view(request, *args, **kwargs))

    return sync_view


@csrf_exempt
def unknown_path(request: HttpRequest, path: str = "") -> HttpResponse:
    """Answer 404 not_found in JSON for a path the API does not have."""
    return error_response(404, "not_found", f"There is no API endpoint at {request.path}.")


class TrackerAPI(NinjaAPI):
    """NinjaAPI whose every answer, even for unknown paths and methods, is JSON."""

    def _get_urls(self) -> list[URLPattern | URLResolver]:
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _json_405(pattern.callback)
        patterns.append(re_path(r"^(?P<path>.*)$", unknown_path, name="unknown-path"))
        return patterns

    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        """Return the OpenAPI schema, with the development types as a oneOf."""
        schema = super().get_openapi_schema(**kwargs)
        add_development_schemas(schema)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():  # the docstring's line, not "Stories Create"
                if operation.get("description"):
                    operation["summary"] = operation["description"].splitlines()[0].rstrip(".")
        return schema
