"""Describe a development type's form fields from the domain's JSON schema and input model."""

from __future__ import annotations

import functools
import typing
from dataclasses import dataclass, replace
from typing import Any

from pydantic.fields import FieldInfo

from tracker.domain import DEVELOPMENT_MODELS, DevelopmentIn, development_json_schema
from tracker.domain.fields import PartialTime

LONG_TEXT = 1000  # strings allowed to be longer than this get a text area
FIRST = ("summary", "occurred_at")
LAST = ("actors", "location", "modality", "reported_at", "source")
LABELS = {"url": "URL", "occurred_at": "Occurred at (date and precision)"}
HELP = {
    "partial_time": "When it happened: 2025-04-02, 2025-04 or 2025 (the precision follows), "
    "or a full timestamp such as 2025-04-02T14:30:00Z.",
    "timestamp": "A timestamp with a zone, e.g. 2025-04-03T08:15:00Z.",
    "actor": "A name or alias in any language; an unknown name registers a new actor.",
    "actor_list": "Names or aliases, separated by semicolons (;).",
    "involvement": "One actor per line, optionally with a role: Wladimir Putin | principal",
    "text_list": "One per line.",
    "reference": "An earlier development of this story.",
}


@dataclass(frozen=True)
class FieldSpec:
    """One form field of a development: where its value goes and how it is entered."""

    name: str  # the form field's name, a dotted path into the development ("source.url")
    kind: str  # text, long_text, choice, boolean, actor, actor_list, involvement, ...
    label: str
    required: bool
    help: str = ""
    choices: tuple[str, ...] = ()
    default: str = ""

    @property
    def path(self) -> tuple[str, ...]:
        """Return the keys leading to the value in the development's JSON."""
        return tuple(self.name.split("."))


@functools.cache
def development_fields(type_name: str) -> tuple[FieldSpec, ...]:
    """Return the form fields of a development type, in the order an editor fills them in."""
    schema = development_json_schema(type_name)
    model = DEVELOPMENT_MODELS[type_name]
    properties: dict[str, Any] = schema["properties"]
    own = [name for name in properties if name not in DevelopmentIn.model_fields]
    order = [*FIRST, *own, *LAST]
    specs: list[FieldSpec] = []
    for name in order:
        if name not in properties:
            continue
        required = name in schema.get("required", ())
        specs.extend(_specs(name, properties[name], schema, model.model_fields[name], required))
    return tuple(specs)


def _specs(
    name: str, prop: dict[str, Any], schema: dict[str, Any], info: FieldInfo, required: bool
) -> list[FieldSpec]:
    inner = _unwrap(prop)
    ref = _ref_name(inner)
    if ref == "SourceIn":
        source = schema["$defs"]["SourceIn"]
        return [
            _spec(f"{name}.{key}", sub, None, key in source.get("required", ()))
            for key, sub in source["properties"].items()
        ]
    return [_spec(name, prop, info, required)]


def _spec(name: str, prop: dict[str, Any], info: FieldInfo | None, required: bool) -> FieldSpec:
    inner = _unwrap(prop)
    kind = _kind(inner, info)
    key = name.rsplit(".", 1)[-1]
    label = LABELS.get(key, key.replace("_", " ").capitalize())
    help_text = " ".join(text for text in (prop.get("description"), HELP.get(kind)) if text)
    choices = tuple(str(value) for value in inner.get("enum", ()))
    default = prop.get("default")
    shown = default if isinstance(default, str) and kind == "choice" else ""
    return FieldSpec(name, kind, label, required, help_text, choices, shown)


def source_fields(prefix: str) -> tuple[FieldSpec, ...]:
    """Return the fields of a source (outlet, URL, quote...) under another name, e.g. evidence."""
    return tuple(
        replace(spec, name=f"{prefix}.{spec.path[-1]}")
        for spec in development_fields("other")
        if spec.path[0] == "source"
    )


def _kind(inner: dict[str, Any], info: FieldInfo | None) -> str:
    ref = _ref_name(inner)
    items = _ref_name(inner.get("items", {}))
    if ref == "ActorRefIn":
        return "actor"
    if items == "ActorRefIn":
        return "actor_list"
    if items == "ActorInvolvementIn":
        return "involvement"
    if inner.get("type") == "array":
        return "text_list"
    if "enum" in inner:
        return "choice"
    if inner.get("type") == "boolean":
        return "boolean"
    if inner.get("format") == "uuid":
        return "reference"
    if inner.get("format") == "date-time":
        return "timestamp"
    if info is not None and _is_partial_time(info):
        return "partial_time"
    if inner.get("maxLength", 0) > LONG_TEXT:
        return "long_text"
    return "text"


def _unwrap(prop: dict[str, Any]) -> dict[str, Any]:
    """Return the non-null alternative of an optional property (or the property itself)."""
    options = [p for p in prop.get("anyOf", ()) if p.get("type") != "null"]
    if len(options) == 1:
        return {**prop, **options[0]}
    return prop


def _ref_name(prop: dict[str, Any]) -> str | None:
    ref = prop.get("$ref")
    return str(ref).rsplit("/", 1)[-1] if ref else None


def _is_partial_time(info: FieldInfo) -> bool:
    annotation = info.annotation
    return (
        annotation == PartialTime
        or PartialTime in typing.get_args(annotation)
        or any(meta in typing.get_args(PartialTime) for meta in info.metadata)
    )
