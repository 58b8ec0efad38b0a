"""The OpenAPI schema's finish: the development types as a oneOf by `type`, examples, headers."""

from __future__ import annotations

import functools
import operator
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from tracker.api.schemas import examples as example
from tracker.domain.bounds import NEW_ACTORS
from tracker.domain.developments import DEVELOPMENT_MODELS

REF_TEMPLATE = "#/components/schemas/{model}"
DEVELOPMENT_SCHEMA = "DevelopmentIn"
DEVELOPMENT_REF = {"$ref": REF_TEMPLATE.format(model=DEVELOPMENT_SCHEMA)}

#: Where the tracker serves its own documents (docs/ in the repository).
DOCS = "/api/v1/docs"
#: Descriptions of standard headers, for endpoints that take them without one.
HEADER_DESCRIPTIONS = {
    "Last-Event-ID": "the position of the last event received (an SSE client's reconnect "
    "sends it); the stream resumes after it, and it wins over `after`",
}

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
        "A development: `type` picks its fields, one schema per type below; what each type "
        f"means and what the story derives from it: [VOCABULARY.md]({DOCS}/VOCABULARY.md). "
        "An actor named by a name no actor has yet is registered with it; one request may "
        f"register at most {NEW_ACTORS} (`x-max-new-actors`), more answer 422. A new name "
        "close to a registered actor's name or alias (another transliteration or script, a "
        "misspelling, a part of the name) answers 409 `ambiguous_actor` listing the "
        'candidates: name the one meant by `{"actor_id": ...}`, or say `"new": true`.'
    )
    schema["x-max-new-actors"] = NEW_ACTORS
    components[DEVELOPMENT_SCHEMA] = schema
    return components


def add_development_schemas(openapi: dict[str, Any]) -> None:
    """Register the development components and finish every operation's documentation.

    The development bodies point at the union and offer an example of each common type;
    every other write body offers its schema's examples; headers get their descriptions.
    """
    schemas = openapi.setdefault("components", {}).setdefault("schemas", {})
    for name, component in development_components().items():
        if name in schemas and _without_defaults(schemas[name]) != _without_defaults(component):
            raise ValueError(f"the OpenAPI component {name!r} is defined twice")
        schemas[name] = component
    for operations in openapi.get("paths", {}).values():
        for operation in operations.values():
            _describe_headers(operation.get("parameters", []))
            content = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if not content:
                continue
            if content.get("schema", {}).get("$ref") == DEVELOPMENT_REF["$ref"]:
                content["schema"] = dict(DEVELOPMENT_REF)
                content["examples"] = {
                    kind: {"summary": f"a {kind.replace('_', ' ')}", "value": value}
                    for kind, value in example.DEVELOPMENTS.items()
                }
            else:
                _offer_examples(content, schemas)


def _offer_examples(content: dict[str, Any], schemas: dict[str, Any]) -> None:
    """Show a body schema's `examples` as the media type's examples (what Swagger UI offers)."""
    name = content.get("schema", {}).get("$ref", "").rpartition("/")[2]
    values = schemas.get(name, {}).get("examples") or []
    if values and "examples" not in content:
        content["examples"] = {
            f"example {number}": {"value": value} for number, value in enumerate(values, 1)
        }


def _describe_headers(parameters: list[dict[str, Any]]) -> None:
    """Give a standard header parameter its description when its endpoint gives none."""
    for parameter in parameters:
        text = HEADER_DESCRIPTIONS.get(parameter.get("name", ""))
        if parameter.get("in") == "header" and text and not parameter.get("description"):
            parameter["description"] = text


def _without_defaults(schema: Any) -> Any:
    """Return a schema without its `default`s (ninja drops them, pydantic keeps them)."""
    if isinstance(schema, dict):
        return {key: _without_defaults(value) for key, value in schema.items() if key != "default"}
    if isinstance(schema, list):
        return [_without_defaults(item) for item in schema]
    return schema
