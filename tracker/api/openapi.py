"""The development body in OpenAPI: a oneOf of the domain's types, discriminated by `type`."""

from __future__ import annotations

import functools
import operator
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from tracker.domain.bounds import NEW_ACTORS
from tracker.domain.developments import DEVELOPMENT_MODELS

REF_TEMPLATE = "#/components/schemas/{model}"
DEVELOPMENT_SCHEMA = "DevelopmentIn"
DEVELOPMENT_REF = {"$ref": REF_TEMPLATE.format(model=DEVELOPMENT_SCHEMA)}

#: openapi_extra of the endpoints whose body is a development.
DEVELOPMENT_BODY = {
    "requestBody": {"content": {"application/json": {"schema": DEVELOPMENT_REF}}, "required": True}
}


@functools.cache
def development_components() -> dict[str, Any]:
    """Return the component schemas of every development type and their oneOf union."""
    members = functools.reduce(operator.or_, DEVELOPMENT_MODELS.values())
    union = Annotated[members, Field(discriminator="type")]  # type: ignore[valid-type]  # built at run time from the registry
    schema = TypeAdapter(union).json_schema(ref_template=REF_TEMPLATE)
    components: dict[str, Any] = schema.pop("$defs")
    for model in DEVELOPMENT_MODELS.values():
        required = components[model.__name__].setdefault("required", [])
        if "type" not in required:
            required.insert(0, "type")  # the domain needs it to pick the schema
    schema["description"] = (
        "A development; `type` picks its fields (see VOCABULARY.md). An actor named by a name "
        "no actor has yet is registered with it; one request may register at most "
        f"{NEW_ACTORS} (`x-max-new-actors`), more answer 422."
    )
    schema["x-max-new-actors"] = NEW_ACTORS
    components[DEVELOPMENT_SCHEMA] = schema
    return components


def add_development_schemas(openapi: dict[str, Any]) -> None:
    """Register the development components and point the development bodies at the union."""
    schemas = openapi.setdefault("components", {}).setdefault("schemas", {})
    for name, component in development_components().items():
        if name in schemas and _without_defaults(schemas[name]) != _without_defaults(component):
            raise ValueError(f"the OpenAPI component {name!r} is defined twice")
        schemas[name] = component
    for operations in openapi.get("paths", {}).values():
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if content and content.get("schema", {}).get("$ref") == DEVELOPMENT_REF["$ref"]:
                content["schema"] = dict(DEVELOPMENT_REF)


def _without_defaults(schema: Any) -> Any:
    """Return a schema without its `default`s (ninja drops them, pydantic keeps them)."""
    if isinstance(schema, dict):
        return {key: _without_defaults(value) for key, value in schema.items() if key != "default"}
    if isinstance(schema, list):
        return [_without_defaults(item) for item in schema]
    return schema
