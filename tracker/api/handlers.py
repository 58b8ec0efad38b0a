"""Exception handlers: every failure becomes the one JSON error shape of errors.ErrorOut."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from tracker.api.errors import ApiError, error_response
from tracker.api.parsing import UnstorableJSON, UnsupportedMediaType
from tracker.api.unavailable import DATABASE_ERRORS, on_database_error
from tracker.domain.errors import DomainError
from tracker.eventstore.errors import EventStoreError, IdempotencyMismatch, VersionConflict
from tracker.services.errors import ServiceError, Stale

logger = logging.getLogger(__name__)

DOMAIN_STATUS = {"not_found": 404, "conflict": 409, "invalid": 422}
HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found"}
SCHEMA_ARGUMENTS = {"params"}  # the name views give their Query[...] schema argument
PARAM_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


def field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    """Return a dotted field path from a pydantic location, without the ninja param prefix."""
    parts = [str(part) for part in loc]
    source = parts.pop(0) if parts and parts[0] in PARAM_SOURCES else "body"
    if parts and (source == "body" or parts[0] in SCHEMA_ARGUMENTS):
        parts.pop(0)  # the view's argument name, e.g. "payload"
    return ".".join(parts) or source


def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Answer 422 with one entry per invalid field."""
    errors = [{"field": field_name(e.get("loc", ())), "message": e["msg"]} for e in exc.errors]
    return error_response(422, "validation_error", "The input is not valid.", errors=errors)


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Answer ninja's own errors (unreadable body, auth) in the common shape."""
    cause = exc.__cause__
    if isinstance(cause, UnsupportedMediaType):
        return error_response(415, "unsupported_media_type", str(cause))
    if isinstance(cause, UnstorableJSON):
        errors = [{"field": cause.field, "message": str(cause)}]
        return error_response(422, "validation_error", "The input is not valid.", errors=errors)
    if exc.status_code == 400:
        return error_response(400, "malformed_json", "The request body is not valid JSON.")
    if isinstance(exc, AuthenticationError):
        response = error_response(401, "unauthorized", "A valid bearer token is required.")
        response["WWW-Authenticate"] = 'Bearer realm="tracker"'
        return response
    if isinstance(exc, AuthorizationError):
        return error_response(403, "forbidden", str(exc))
    code = HTTP_CODES.get(exc.status_code, "http_error")
    return error_response(exc.status_code, code, str(exc))


def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """Answer 413 when the body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE."""
    return error_response(413, "payload_too_large", "The request body is too large.")


def on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    """Answer 400 for requests Django refuses to parse (e.g. too many query fields)."""
    return error_response(400, "bad_request", "The request cannot be read.")


def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """Answer 404 for a missing resource."""
    return error_response(404, "not_found", str(exc) or "Not found.")


def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    """Answer an error the API layer raised itself."""
    return error_response(exc.status, exc.code, exc.detail, errors=exc.errors)


def on_domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """Answer a domain refusal: 404, 409 or 422 after its category."""
    status = DOMAIN_STATUS.get(exc.category, 422)
    errors = getattr(exc, "errors", None)
    ambiguous = getattr(exc, "ambiguous", None)  # AmbiguousActor: the names and candidates
    return error_response(status, exc.code, exc.message, errors=errors, ambiguous=ambiguous)


def on_version_conflict(request: HttpRequest, exc: VersionConflict) -> HttpResponse:
    """Answer 409 version_conflict with the stream's current version."""
    detail = f"The story is at version {exc.current}, not {exc.expected}."
    return error_response(409, "version_conflict", detail, current_version=exc.current)


def on_idempotency(request: HttpRequest, exc: IdempotencyMismatch) -> HttpResponse:
    """Answer 409 when an Idempotency-Key is reused with another body."""
    detail = "This Idempotency-Key was used before with a different request."
    return error_response(409, "idempotency_mismatch", detail)


def on_service(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    """Answer a service error with its own status and code."""
    position = exc.current_position if isinstance(exc, Stale) else None
    return error_response(exc.status, exc.code, exc.detail, current_position=position)


def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Log the failure and answer 500 internal_error without leaking details."""
    logger.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, "internal_error", "An unexpected error occurred.")


HANDLERS: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
    (ValidationError, on_validation),
    (HttpError, on_http_error),
    (RequestDataTooBig, on_too_big),
    (SuspiciousOperation, on_suspicious),
    (Http404, on_not_found),
    (ApiError, on_api_error),
    (DomainError, on_domain),
    (VersionConflict, on_version_conflict),
    (IdempotencyMismatch, on_idempotency),
    *((error, on_database_error) for error in DATABASE_ERRORS),
    (EventStoreError, on_unexpected),
    (ServiceError, on_service),
    (Exception, on_unexpected),
]


def install(api: NinjaAPI) -> None:
    """Register every handler on the API (once, at import of the app)."""
    for exc_class, handler in HANDLERS:
        api.add_exception_handler(exc_class, handler)
