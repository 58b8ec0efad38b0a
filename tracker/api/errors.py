"""The one JSON error shape, and the exceptions the API raises besides the services' own."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, JsonResponse
from ninja import Schema


class FieldErrorOut(Schema):
    """One invalid field: where it is and what is wrong with it."""

    field: str
    message: str


class ErrorOut(Schema):
    """Every non-2xx answer: a machine-readable `code` and a `detail` for a person."""

    code: str
    detail: str
    errors: list[FieldErrorOut] | None = None
    current_version: int | None = None
    current_position: int | None = None


class ApiError(Exception):
    """An error the API layer itself detects (bad header, bad JSON, missing route)."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        errors: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.errors = errors


def error_response(
    status: int,
    code: str,
    detail: str,
    *,
    errors: list[dict[str, str]] | None = None,
    **extra: Any,
) -> HttpResponse:
    """Return the JSON error answer with the given status, code and detail."""
    body: dict[str, Any] = {"code": code, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    body.update({key: value for key, value in extra.items() if value is not None})
    return JsonResponse(body, status=status)


def responses(success: dict[int, Any], *errors: int) -> dict[int, Any]:
    """Return a ninja `response=` mapping: the success schemas plus ErrorOut for each error."""
    return {**success, **dict.fromkeys(errors, ErrorOut)}


WRITE_ERRORS = (400, 401, 403, 404, 409, 413, 415, 422)
