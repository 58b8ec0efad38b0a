"""Validate input against a payload model and explain what is wrong in words for a person."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from tracker.domain.errors import FieldError, ValidationFailed

M = TypeVar("M", bound=BaseModel)
_NAMED = re.compile(r"^([a-z_]+): (.+)$", re.DOTALL)

_MESSAGES = {
    "string_too_short": "must not be empty",
    "string_type": "must be text",
    "string_unicode": "must be text without lone surrogates (unpaired \\ud800-\\udfff escapes)",
    "uuid_parsing": "must be an id (a UUID such as 0b7e1f0a-5d4c-4c7e-9a51-2f8d1e6c3b9a)",
    "uuid_type": "must be an id (a UUID such as 0b7e1f0a-5d4c-4c7e-9a51-2f8d1e6c3b9a)",
    "decimal_parsing": 'must be a decimal number, like 3.5 or "35000000000"',
    "decimal_type": 'must be a decimal number, like 3.5 or "35000000000"',
    "finite_number": "must be a finite number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
}


def validate(model: type[M], data: Any, *, prefix: str = "") -> M:
    """Return `data` validated by `model`; raise ValidationFailed listing every bad field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(field_errors(exc, model, prefix=prefix)) from None


def field_errors(
    exc: ValidationError, model: type[BaseModel], *, prefix: str = ""
) -> list[FieldError]:
    """Translate a pydantic error into [{field, message}] a person can act on."""
    out: list[FieldError] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        message = _message(error, model, loc)
        named = _NAMED.match(message) if error["type"] == "value_error" else None
        if named:  # a model-level check names its field: "period: give the period ..."
            loc, message = (*loc, named[1]), named[2]
        name = ".".join(str(part) for part in loc)
        field = f"{prefix}.{name}" if prefix and name else (prefix or name)
        out.append({"field": field, "message": message})
    return out


def _message(error: ErrorDetails, model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        choices = _choices(model, loc)
        return "is required" + (f" (one of {choices})" if choices else "")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        return "is not a field here" + (f"; fields: {', '.join(allowed)}" if allowed else "")
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}".strip()
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "too_short" and "min_length" in ctx:
        return f"needs at least {ctx['min_length']} item(s)"
    if kind == "too_long" and "max_length" in ctx:
        return f"has too many items (at most {ctx['max_length']})"
    if kind == "string_pattern_mismatch":
        return f"does not have the expected form ({_description(model, loc) or ctx.get('pattern')})"
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    message = str(error["msg"])
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _model_at(model: type[BaseModel], path: tuple[Any, ...]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in path:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(str(part))
        current = _inner_model(info.annotation) if info else None
    return current


def _fields_at(model: type[BaseModel], path: tuple[Any, ...]) -> list[str]:
    found = _model_at(model, path)
    return sorted(found.model_fields) if found else []


def _choices(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    owner = _model_at(model, loc[:-1])
    info = owner.model_fields.get(str(loc[-1])) if owner and loc else None
    values = _literals(info.annotation) if info else []
    return ", ".join(values)


def _description(model: type[BaseModel], loc: tuple[Any, ...]) -> str | None:
    owner = _model_at(model, loc[:-1])
    info = owner.model_fields.get(str(loc[-1])) if owner and loc else None
    return info.description if info else None


def _literals(annotation: Any) -> list[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(arg) for arg in typing.get_args(annotation)]
    return [value for arg in typing.get_args(annotation) for value in _literals(arg)]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def as_mapping(value: Any, field: str) -> Mapping[str, Any]:
    """Return `value` if it is a JSON object; raise ValidationFailed naming `field` otherwise."""
    if not isinstance(value, Mapping):
        raise ValidationFailed([{"field": field, "message": "must be a JSON object"}])
    return value
