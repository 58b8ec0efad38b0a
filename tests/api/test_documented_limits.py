"""The OpenAPI document states every limit a write body has, and every answer a write gives."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tracker.domain import bounds

pytestmark = pytest.mark.django_db

#: Strings bounded otherwise than by maxLength: ids, choices, anchored patterns of fixed size.
BOUNDED_STRINGS = ("enum", "const", "maxLength")
BOUNDED_FORMATS = ("uuid",)
BOUNDED_PATTERNS = ("^Q[1-9][0-9]{0,11}$", "^[0-9]{2,4}$")


@pytest.fixture
def components(client: Client) -> dict[str, Any]:
    """Return the component schemas of the served OpenAPI document."""
    return dict(client.get("/api/v1/openapi.json").json()["components"]["schemas"])


def unbounded(node: Any, where: str) -> list[str]:
    """Return where a schema lets a string, list or object grow without a stated limit."""
    found: list[str] = []
    if isinstance(node, dict):
        kind = node.get("type")
        if kind == "string" and not (
            any(key in node for key in BOUNDED_STRINGS)
            or node.get("format") in BOUNDED_FORMATS
            or node.get("pattern") in BOUNDED_PATTERNS
        ):
            found.append(where)
        if kind == "array" and "maxItems" not in node:
            found.append(where)
        if kind == "object" and node.get("additionalProperties") and "maxProperties" not in node:
            found.append(where)
        for key, value in node.items():
            found += unbounded(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += unbounded(value, f"{where}.{index}")
    return found


def test_every_request_field_states_its_limit(components: dict[str, Any]) -> None:
    """Every string of a request body has a maxLength (or is an id, a choice or a fixed pattern),
    every list a maxItems and every open object a maxProperties."""
    requests = {name: schema for name, schema in components.items() if name.endswith("In")}
    assert "FigureIn" in requests and "SourceIn" in requests and "CorrectionIn" in requests
    offenders = [where for name, schema in requests.items() for where in unbounded(schema, name)]
    assert offenders == []


def test_the_limits_are_those_of_the_read_models(components: dict[str, Any]) -> None:
    """Figure values stay below 10**24 with 6 decimals, units and periods 32 characters, language
    codes 16, addresses 1200, lists 50 items; the development body states the new-actor cap."""
    number, text = components["FigureIn"]["properties"]["value"]["anyOf"]
    assert number["exclusiveMaximum"] == 1e24 and number["exclusiveMinimum"] == -1e24
    assert text["pattern"] == r"^[+-]?[0-9]{1,24}(\.[0-9]{1,6})?$"
    figure = components["FigureIn"]["properties"]
    assert figure["unit"]["maxLength"] == bounds.UNIT_LENGTH
    assert figure["period"]["anyOf"][0]["maxLength"] == bounds.PERIOD_LENGTH
    source = components["SourceIn"]["properties"]
    assert source["url"]["anyOf"][0]["maxLength"] == bounds.URL_LENGTH
    assert source["language"]["anyOf"][0]["maxLength"] == bounds.LANGUAGE_LENGTH
    assert components["VisitIn"]["properties"]["actors"]["maxItems"] == bounds.LIST_ITEMS
    development = components["DevelopmentIn"]
    assert development["x-max-new-actors"] == bounds.NEW_ACTORS
    assert f"at most {bounds.NEW_ACTORS}" in development["description"]


def test_every_write_takes_json_only_and_documents_415(client: Client) -> None:
    """Each POST takes an application/json body and lists 415 and 422 among its answers."""
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    writes = [operation for item in paths.values() for m, operation in item.items() if m == "post"]
    assert len(writes) == 7
    for operation in writes:
        assert list(operation["requestBody"]["content"]) == ["application/json"]
        assert {"415", "422"} <= set(operation["responses"])


def test_a_change_target_may_be_an_actor(components: dict[str, Any]) -> None:
    """A change's target is an event id (corrections, retractions) or an actor (a decision)."""
    kinds = {option["type"] for option in components["ChangeOut"]["properties"]["target"]["anyOf"]}
    assert kinds == {"string", "object", "null"}
