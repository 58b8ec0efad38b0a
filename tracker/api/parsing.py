"""A strict JSON body parser: only JSON bodies, and only what PostgreSQL's JSONB can store."""

from __future__ import annotations

import json
import math
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser

MAX_DEPTH = 64
JSON_MEDIA_TYPE = "application/json"
CHARSETS = {"", "utf-8", "utf8"}


class UnsupportedMediaType(ValueError):
    """A body that is not declared as JSON (another Content-Type, or none): answered 415."""


class UnstorableJSON(ValueError):
    """Valid JSON that cannot be stored: NUL characters, lone surrogates or too deep nesting."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number out of range: {text[:20]}")
    return value


def check_storable(value: Any, path: str = "", depth: int = 0) -> None:
    """Raise UnstorableJSON if a parsed value holds something JSONB would refuse."""
    if depth > MAX_DEPTH:
        raise UnstorableJSON(path or "body", f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        _check_text(value, path)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, path)
            check_storable(item, f"{path}.{key}" if path else key, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_storable(item, f"{path}.{index}" if path else str(index), depth + 1)


def _check_text(text: str, path: str) -> None:
    if "\x00" in text:
        raise UnstorableJSON(path or "body", "text must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UnstorableJSON(path or "body", "text must not contain lone surrogates") from None


class StrictJSONParser(Parser):
    """Parse request bodies as strict JSON: no NaN/Infinity, no NUL, no lone surrogates."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        """Return the decoded body; ninja turns any exception into a 400 (see handlers)."""
        check_media_type(request)
        data = json.loads(
            request.body.decode("utf-8"),
            parse_constant=_reject_constant,
            parse_float=_finite,
        )
        check_storable(data)
        return data  # a non-object (a list, a number) fails the schema's validation: 422


def check_media_type(request: HttpRequest) -> None:
    """Raise UnsupportedMediaType unless the body is declared as JSON in UTF-8."""
    declared = request.content_type or ""
    charset = (request.content_params or {}).get("charset", "").strip().lower()
    if declared.lower() != JSON_MEDIA_TYPE:
        shown = f"Content-Type {declared[:80]}" if declared else "no Content-Type"
        raise UnsupportedMediaType(f"The request body must be {JSON_MEDIA_TYPE}, not {shown}.")
    if charset not in CHARSETS:
        raise UnsupportedMediaType(f"The request body must be UTF-8 JSON, not {charset[:40]}.")
