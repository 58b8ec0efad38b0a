"""The ninjs 2.1 export validates against the official IPTC schema, for any story."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.generators import commands, run
from tests.exports.support import amended_input, sample_input
from tracker.domain import fold_actors, state_at_version
from tracker.exports import ninjs
from tracker.exports.base import ExportOptions, story_input

SCHEMA = json.loads(
    resources.files("tracker.exports").joinpath("schemas/ninjs-schema_2.1.json").read_text()
)
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def valid(document: dict[str, Any]) -> dict[str, Any]:
    """Return the document after checking it against the official schema (formats too)."""
    errors = [f"{list(e.path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]
    assert not errors, errors[:5]
    return document


def test_the_schema_checks_formats_and_refuses_unknown_properties() -> None:
    """The validator used here refuses a bad uri, a bad date-time and an unknown property."""
    assert not VALIDATOR.is_valid({"uri": "not a uri"})
    assert not VALIDATOR.is_valid({"uri": "urn:uuid:x", "versioncreated": "yesterday"})
    assert not VALIDATOR.is_valid({"uri": "urn:uuid:x", "colour": "red"})
    assert VALIDATOR.is_valid({"uri": "urn:uuid:x", "versioncreated": "2025-04-03T09:00:00Z"})


def test_the_sample_story_is_valid_ninjs_with_a_development_per_association() -> None:
    """The sample story is one valid ninjs item; each development is an associated item."""
    story = sample_input()
    document = valid(json.loads(ninjs.render(story)))
    assert document["uri"] == f"urn:uuid:{story.document['id']}"
    assert document["version"] == "11" and document["language"] == "de"
    uris = [item["uri"] for item in document["associations"]]
    assert uris == [f"urn:uuid:{item['event_id']}" for item in story.timeline]


def test_people_and_organisations_come_from_the_actors_with_role_and_name_as_stated() -> None:
    """The sanctions request names Russland (stated 'Moskau') as requester, Trump as addressee."""
    document = json.loads(ninjs.render(sample_input()))
    request = next(a for a in document["associations"] if "sanctions_request" in a["profile"])
    assert {"name": "Russland", "rel": "requester", "literal": "Moskau"}.items() <= (
        request["organisations"][0].items()
    )
    trump = next(p for p in request["people"] if p["name"] == "Donald Trump")
    assert trump["rel"] == "addressee" and trump["literal"] == "Präsident Donald Trump"


def test_version_follows_corrections_and_a_retraction_is_canceled() -> None:
    """A corrected development is version 2 since its correction; a retracted one canceled."""
    story, visit, statement = amended_input()
    document = valid(json.loads(ninjs.render(story)))
    items = {item["uri"]: item for item in document["associations"]}
    corrected = items[f"urn:uuid:{visit}"]
    assert corrected["version"] == "2" and corrected["pubstatus"] == "usable"
    assert corrected["versioncreated"] > corrected["firstcreated"]
    assert "the summary misread the report" in corrected["ednote"]
    assert items[f"urn:uuid:{statement}"]["pubstatus"] == "canceled"


@settings(max_examples=60)
@given(commands, st.integers(1, 40), st.sampled_from(["omit", "mark"]))
def test_every_generated_story_at_every_version_is_valid_ninjs(
    steps: Any, version: int, retracted: str
) -> None:
    """Generated stories (corrections, retractions, merges, retitles) give valid ninjs."""
    result = run(steps)
    events = result.store.story_events(result.story_id)
    directory = fold_actors(result.store.actor_events())
    options = ExportOptions(retracted=retracted)  # type: ignore[arg-type]
    for state in (state_at_version(events, version), state_at_version(events, len(events))):
        chosen = [e for e in events if e.version <= state.version]
        valid(json.loads(ninjs.render(story_input(state, chosen, directory, options))))
