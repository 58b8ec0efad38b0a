"""The registry of development types: name -> input model, and JSON schemas for forms and APIs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tracker.domain.development_base import DevelopmentIn
from tracker.domain.developments import DEVELOPMENT_MODELS
from tracker.domain.errors import ValidationFailed
from tracker.domain.event_types import DEVELOPMENT_TYPES
from tracker.domain.validation import as_mapping, validate


def development_model(type_name: object) -> type[DevelopmentIn]:
    """Return the input model of a development type; raise ValidationFailed for unknown ones."""
    model = DEVELOPMENT_MODELS.get(type_name) if isinstance(type_name, str) else None
    if model is None:
        allowed = ", ".join(DEVELOPMENT_TYPES)
        message = "is required" if type_name is None else f"{type_name!r} is not a development type"
        raise ValidationFailed([{"field": "type", "message": f"{message}; allowed: {allowed}"}])
    return model


def parse_development(raw: Any) -> DevelopmentIn:
    """Validate a raw development (API input shape); raise ValidationFailed for bad fields."""
    body = as_mapping(raw, "development")
    return validate(development_model(body.get("type")), body)


def development_json_schema(type_name: str) -> dict[str, Any]:
    """Return the JSON schema of a development type's input, for API docs and forms."""
    return development_model(type_name).model_json_schema()


def development_json_schemas() -> Mapping[str, dict[str, Any]]:
    """Return the JSON schema of every development type, by type name."""
    return {name: development_json_schema(name) for name in DEVELOPMENT_TYPES}
