"""The one JSON error shape, and the exceptions the API raises besides the services' own."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, JsonResponse
from ninja import Schema
from pydantic import Field


class FieldErrorOut(Schema):
    """One invalid field: where it is and what is wrong with it."""

    field: str
    message: str


class CandidateOut(Schema):
    """A registered actor a new name may mean: the spelling it matched, and why."""

    id: str
    name: str
    kind: str
    aliases: list[dict[str, str | None]]
    matched: str = Field(description="the actor's name or alias the new name is close to")
    reason: str = Field(
        description="`transliteration` (one name in another script or transliteration), "
        "`word_order`, `spelling` (a few letters differ) or `part_of_name` "
        "(one name's words are part of the other)"
    )
    distance: int = Field(description="edits between the two after transliteration")
    why: str


class AmbiguousNameOut(Schema):
    """A name no actor has, close to registered actors' names, and where the request used it."""

    field: str
    name: str
    candidates: list[CandidateOut]


class ErrorOut(Schema):
    """Every non-2xx answer: a machine-readable `code` and a `detail` for a person."""

    code: str
    detail: str
    errors: list[FieldErrorOut] | None = None
    ambiguous: list[AmbiguousNameOut] | None = Field(
        None,
        description="with `ambiguous_actor`: each new name and the actors it may mean; "
        'refer to one by `{"actor_id": ...}`, or say `"new": true` to register the name',
    )
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
