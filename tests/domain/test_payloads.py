"""Payload schemas: every type validates, and refusals say what to fix."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tracker.domain import (
    DEVELOPMENT_TYPES,
    ValidationFailed,
    development_json_schema,
    development_json_schemas,
    parse_development,
)
from tracker.domain.developments import FigureIn

SOURCE = {"outlet": "Der Spiegel", "language": "de", "published_at": "2025-04-03T08:15:00Z"}


def visit(**changes: Any) -> dict[str, Any]:
    """Return a valid visit in the API input shape, with changes."""
    body: dict[str, Any] = {
        "type": "visit",
        "occurred_at": "2025-04-02",
        "summary": "Envoy travels to Washington",
        "source": SOURCE,
        "visitor": {"name": "Kirill Dmitrijew"},
        "destination": "Washington",
        "status": "under_way",
    }
    return {**body, **changes}


def errors_of(raw: Any) -> dict[str, str]:
    """Return {field: message} of a refused development."""
    with pytest.raises(ValidationFailed) as caught:
        parse_development(raw)
    assert caught.value.code == "validation_error"
    return {e["field"]: e["message"] for e in caught.value.errors}


def test_the_api_example_validates() -> None:
    """The development shown in API.md is valid."""
    model = parse_development(
        visit(
            reported_at="2025-04-03T08:15:00Z",
            actors=[{"name": "Kirill Dmitrijew", "role": "visitor"}],
            purpose="easing of sanctions",
        )
    )
    assert model.type == "visit"


def test_empty_destination_says_so() -> None:
    """An empty required text reads 'destination: must not be empty'."""
    with pytest.raises(ValidationFailed, match="destination: must not be empty"):
        parse_development(visit(destination="  "))


def test_unknown_type_lists_the_allowed_types() -> None:
    """A misspelt type names every allowed type."""
    message = errors_of(visit(type="vist"))["type"]
    assert "'vist' is not a development type" in message
    for name in DEVELOPMENT_TYPES:
        assert name in message


def test_missing_type_and_non_object() -> None:
    """A body without type, or not an object at all, is refused clearly."""
    assert errors_of({"summary": "x"})["type"].startswith("is required; allowed:")
    assert errors_of(["visit"]) == {"development": "must be a JSON object"}


def test_missing_status_lists_its_choices_and_unknown_fields_list_the_real_ones() -> None:
    """Required choices and misspelt field names point at what is allowed."""
    body = visit(destinaton="Washington")
    del body["status"]
    found = errors_of(body)
    assert found["status"] == "is required (one of planned, under_way, completed, cancelled)"
    assert found["destinaton"].startswith("is not a field here; fields:")
    assert "destination" in found["destinaton"]


def test_wrong_choice_and_nested_errors_have_dotted_paths() -> None:
    """A bad value inside the source or an actor names its path."""
    found = errors_of(
        visit(
            status="arrived",
            source={"outlet": "", "language": "German", "url": "spiegel.de"},
            actors=[{"role": "host"}],
        )
    )
    assert found["status"].startswith("must be one of 'planned'")
    assert found["source.outlet"] == "must not be empty"
    assert "not a language code" in found["source.language"]
    assert "https://" in found["source.url"]
    assert "actor_id" in found["actors.0"] and "name" in found["actors.0"]


def test_timestamps_need_a_zone() -> None:
    """published_at and occurred_at without a zone are refused with a hint."""
    found = errors_of(
        visit(occurred_at="2025-04-02T10:00:00", source={**SOURCE, "published_at": "2025-04-03"})
    )
    assert "no time zone" in found["occurred_at"]
    assert "no time zone" in found["source.published_at"]


def test_actor_reference_forms() -> None:
    """A reference is {actor_id} or {name}, a bare name, or nested {actor: ...} in `actors`."""
    model = parse_development(
        visit(
            visitor="Kirill Dmitrijew",
            hosts=[{"actor_id": "3be431a3-ad5b-5bc9-b329-53cca5e15154"}],
            actors=[{"actor": {"name": "Wladimir Putin"}, "role": "principal"}],
        )
    )
    dumped = model.model_dump(mode="json", exclude_none=True)
    assert dumped["visitor"] == {"name": "Kirill Dmitrijew"}
    assert dumped["actors"] == [{"name": "Wladimir Putin", "role": "principal"}]
    both = visit(visitor={"name": "X", "actor_id": "3be431a3-ad5b-5bc9-b329-53cca5e15154"})
    assert errors_of(both)["visitor"] == "give either actor_id or name, not both"


def test_figure_values_stay_exact_decimals() -> None:
    """35e9 and 3.5 billion keep every digit, and are stored as text."""
    body = {
        "type": "figure",
        "summary": "Trade",
        "source": SOURCE,
        "metric": "trade",
        "value": "3.5E+9",
        "unit": "USD",
        "period": "2024",
    }
    model = parse_development(body)
    assert isinstance(model, FigureIn)
    assert model.value == Decimal("3500000000")
    assert model.model_dump(mode="json")["value"] == "3500000000"
    assert "decimal" in errors_of({**body, "value": "lots"})["value"]
    assert errors_of({**body, "value": "NaN"})["value"] == "must be a finite number"
    del body["period"]
    assert errors_of(body)["period"].startswith("give the period")


@pytest.mark.parametrize("type_name", DEVELOPMENT_TYPES)
def test_every_type_has_a_json_schema_with_the_common_fields(type_name: str) -> None:
    """The registry yields a JSON schema per type for forms and API docs."""
    schema = development_json_schema(type_name)
    for field in ("occurred_at", "summary", "source", "actors", "modality"):
        assert field in schema["properties"], field
    assert set(development_json_schemas()) == set(DEVELOPMENT_TYPES)


def test_responses_need_a_target_or_content() -> None:
    """A confirmation that names neither what it confirms nor what was said is refused."""
    body = {"type": "confirmation", "summary": "s", "source": SOURCE, "confirmer": "Trump"}
    assert errors_of(body)["confirms"].startswith("give confirms")
