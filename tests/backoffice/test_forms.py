"""Forms from the domain's schemas, the form <-> JSON translation, charts and presenters."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.backoffice.charts import compact, figure_charts
from tracker.backoffice.forms.development import DevelopmentForm
from tracker.backoffice.forms.formdata import changes_of, development_payload, initial_values
from tracker.backoffice.forms.schema import development_fields, source_fields
from tracker.backoffice.forms.stories import ReplayForm
from tracker.backoffice.presenters import brief, when
from tracker.domain import DEVELOPMENT_MODELS, DEVELOPMENT_TYPES, parse_development
from tracker.domain.fields import SourceIn


@pytest.mark.parametrize("type_name", DEVELOPMENT_TYPES)
def test_every_model_field_has_a_form_field(type_name: str) -> None:
    """The form covers each field of the type's input model, and each field of the source."""
    names = {spec.path[0] for spec in development_fields(type_name)}
    assert names == set(DEVELOPMENT_MODELS[type_name].model_fields) - {"type"}
    source = {spec.path[1] for spec in development_fields(type_name) if spec.path[0] == "source"}
    assert source == set(SourceIn.model_fields)


def test_field_kinds_follow_the_schema() -> None:
    """Actors, lists, choices, references, dates and booleans get their own kinds."""
    kinds = {spec.name: spec.kind for spec in development_fields("sanctions_decision")}
    assert kinds["decider"] == "actor" and kinds["measures"] == "text_list"
    assert kinds["action"] == "choice" and kinds["responds_to"] == "reference"
    assert kinds["effective_at"] == "partial_time" and kinds["reported_at"] == "timestamp"
    assert kinds["source.published_at"] == "timestamp" and kinds["actors"] == "involvement"
    confirmation = {spec.name: spec for spec in development_fields("confirmation")}
    assert confirmation["details_withheld"].kind == "boolean"
    assert confirmation["confirmer"].required and not confirmation["confirms"].required
    assert {spec.name for spec in source_fields("evidence")} >= {"evidence.outlet", "evidence.via"}


def test_form_values_become_the_api_shape_the_domain_accepts() -> None:
    """A filled visit form gives a development that parses, with lists split and roles kept."""
    values = {
        "summary": "Envoy travels",
        "occurred_at": "2025-04",
        "visitor": "Кирилл Дмитриев",
        "hosts": "USA; Vereinigte Staaten ;",
        "destination": "Washington",
        "status": "under_way",
        "actors": "Wladimir Putin | principal\r\nRussland\n",
        "source.outlet": "Der Spiegel",
        "source.via": "Telegram",
    }
    form = DevelopmentForm(values, type_name="visit")
    assert form.is_valid()
    payload = form.payload()
    assert payload["hosts"] == [{"name": "USA"}, {"name": "Vereinigte Staaten"}]
    assert payload["actors"] == [
        {"name": "Wladimir Putin", "role": "principal"},
        {"name": "Russland"},
    ]
    assert payload["source"] == {"outlet": "Der Spiegel", "via": "Telegram"}
    assert "purpose" not in payload and "location" not in payload
    assert parse_development(payload).type == "visit"


def test_initial_values_and_changes_round_trip() -> None:
    """A stored development shows in the form; only edited fields become changes."""
    specs = development_fields("visit")
    view = {
        "type": "visit",
        "data": {
            "summary": "S",
            "visitor": {"actor_id": "a1", "name_as_stated": "Dmitrijew"},
            "hosts": [{"actor_id": "a2", "name_as_stated": "US officials"}],
            "destination": "Washington",
            "status": "planned",
            "source": {"outlet": "X"},
        },
        "actors": [{"id": "a1", "name": "Kirill Dmitrijew"}, {"id": "a2", "name": "USA"}],
    }
    initial = initial_values("visit", specs, view)
    assert initial["visitor"] == "Kirill Dmitrijew" and initial["hosts"] == "USA"
    assert initial["source.outlet"] == "X" and initial["purpose"] == ""
    payload = development_payload(specs, {**initial, "destination": "Paris", "purpose": ""})
    assert changes_of(specs, payload, ["destination", "source.url"]) == {
        "destination": "Paris",
        "source": {"outlet": "X"},
    }
    assert changes_of(specs, payload, ["purpose"]) == {"purpose": None}


def test_the_replay_form_reads_dates_and_versions() -> None:
    """A date means the end of that day; a version wins over a date; garbage is an error."""
    day = ReplayForm({"as_of": "2025-04-02", "basis": "occurred"}).replay()
    assert day["as_of"].isoformat().startswith("2025-04-02T23:59:59")
    assert day["basis"] == "occurred"
    assert ReplayForm({"version": "3", "as_of": "2025-04-02"}).replay() == {"version": 3}
    assert ReplayForm({"as_of": "later"}).replay() == {}
    assert ReplayForm({"version": "0"}).replay() == {}


def test_charts_and_presenters() -> None:
    """Numbers are compact, points are placed left to right, times keep their precision."""
    assert compact(Decimal("35000000000")) == "35 bn" and compact(Decimal("3.5e9")) == "3.5 bn"
    assert compact(Decimal("1250")) == "1250" and compact(Decimal("2.5e6")) == "2.5 m"
    [chart] = figure_charts(
        [{"metric": "m", "unit": "USD", "series": [
            {"period": "2021", "value": "35000000000", "event_id": "e1"},
            {"period": "2024", "value": "3500000000", "event_id": "e2"},
            {"period": "2025", "value": "not a number", "event_id": "e3"},
        ]}]
    )  # fmt: skip
    first, second = chart["points"]
    assert first["x"] < second["x"] and first["y"] < second["y"]  # higher value, higher up
    assert chart["path"].startswith("M") and first["label"] == "35 bn USD"
    assert when("2025-04-02T00:00:00Z", "month") == "2025-04"
    assert when("2025-04-02T14:30:00.5Z", "exact") == "2025-04-02 14:30:00 UTC"
    assert when(None, None) == "undated"
    assert brief([{"name_as_stated": "A"}, {"outlet": "B"}]) == "A; B" and brief(True) == "yes"
