"""Hostile bodies against every write endpoint: never a 5xx, and a refusal stores nothing."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import pytest
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.api.helpers import new_story, post, statement
from tests.api.hostile import (
    ACTOR_PROBES,
    ALIAS_PROBES,
    CORRECTION_PROBES,
    DEVELOPMENT_PROBES,
    MERGE_PROBES,
    RETRACTION_PROBES,
    STORY_PROBES,
    Probe,
    hostile_body,
)
from tests.api.refusals import assert_refused_or_stored, send, stored
from tests.domain.generators import change, development
from tracker.domain import DEVELOPMENT_MODELS
from tracker.domain.fields import SourceIn

pytestmark = pytest.mark.django_db(transaction=True)

SOURCE = {"outlet": "Fuzz Wire", "url": "https://example.org/fuzz", "language": "en"}
SOURCE_FIELDS = [("source", name) for name in SourceIn.model_fields]
JSON_TYPES = ["application/json", "application/json; charset=utf-8", "Application/JSON"]
#: Bodies declared as something else than JSON (or as nothing): 415.
MEDIA_TYPES = [
    "text/plain",
    "",
    "application/x-www-form-urlencoded",
    "application/json; charset=latin-1",
]


@dataclass
class World:
    """A story with one development of every type; `fresh` writes what a refusal must not use up."""

    story: UUID
    developments: dict[str, UUID]
    fresh: Callable[[str, dict[str, Any]], UUID]  # POST a body, return the new event or actor

    def new_development(self) -> UUID:
        """Record a statement to retract (a retracted one answers 409 before any validation)."""
        return self.fresh(f"/stories/{self.story}/developments", statement())

    def new_actor(self) -> UUID:
        """Register an actor to merge (a merged one answers 409 before any validation)."""
        return self.fresh("/actors", {"name": f"World {uuid.uuid4()}", "kind": "person"})


@pytest.fixture
def world(client: Client, write_token: str) -> World:
    """Open a story and record one development of every type in it."""

    def fresh(path: str, body: dict[str, Any]) -> UUID:
        answer = post(client, path, body, write_token)
        assert answer.status_code == 201, answer.content
        written = answer.json()  # a development answers its event, an actor its id
        return UUID(written["event_id"] if "story_id" in written else written["id"])

    story = UUID(new_story(client, write_token)["id"])
    developments: dict[str, UUID] = {}
    for type_name in DEVELOPMENT_MODELS:
        body = development(type_name, 1, list(developments.values()))
        developments[type_name] = fresh(f"/stories/{story}/developments", body)
    return World(story, developments, fresh)


@dataclass(frozen=True)
class Target:
    """One request to make: where, the stream it writes, a valid body, what to aim at."""

    path: str
    stream: UUID | None
    body: dict[str, Any]
    probe: Probe
    fields: list[tuple[Any, ...]] = field(default_factory=list)  # fields it may add


Draw = Callable[[World, st.DataObject], Target]


def story_open(world: World, data: st.DataObject) -> Target:
    """POST /stories: a new story."""
    body = {"title": f"Fuzz {uuid.uuid4().hex[:8]}", "summary": "s", "language": "en"}
    return Target("/stories", None, body, data.draw(st.sampled_from(STORY_PROBES)))


def development_record(world: World, data: st.DataObject) -> Target:
    """POST /stories/{story}/developments: a development of the probe's type, or any."""
    probe = data.draw(st.sampled_from(DEVELOPMENT_PROBES))
    type_name = probe.type or data.draw(st.sampled_from(sorted(DEVELOPMENT_MODELS)))
    body = development(type_name, data.draw(st.integers(0, 50)), list(world.developments.values()))
    fields = [(name,) for name in DEVELOPMENT_MODELS[type_name].model_fields]
    path = f"/stories/{world.story}/developments"
    return Target(path, world.story, body, probe, fields + SOURCE_FIELDS)


def development_correct(world: World, data: st.DataObject) -> Target:
    """POST .../correction: changes to a development of the probe's type, or any."""
    probe = data.draw(st.sampled_from(CORRECTION_PROBES))
    type_name = probe.type or data.draw(st.sampled_from(sorted(world.developments)))
    changes = change(type_name, data.draw(st.integers(0, 50)), [])
    body = {"changes": changes, "reason": "typo", "source": SOURCE}
    fields = [("changes", name) for name in DEVELOPMENT_MODELS[type_name].model_fields]
    path = f"/stories/{world.story}/developments/{world.developments[type_name]}/correction"
    return Target(path, world.story, body, probe, fields + SOURCE_FIELDS)


def development_retract(world: World, data: st.DataObject) -> Target:
    """POST .../retraction: retract a statement recorded for it."""
    path = f"/stories/{world.story}/developments/{world.new_development()}/retraction"
    body = {"reason": "wrong", "source": SOURCE}
    return Target(path, world.story, body, data.draw(st.sampled_from(RETRACTION_PROBES)))


def actor_register(world: World, data: st.DataObject) -> Target:
    """POST /actors: a new actor with an alias."""
    name = f"Fuzz Person {uuid.uuid4().hex[:8]}"
    body = {
        "name": name,
        "kind": "person",
        "aliases": [{"name": f"{name} Alias", "language": "de"}],
        "description": "d",
        "wikidata": "Q42",
    }
    return Target("/actors", None, body, data.draw(st.sampled_from(ACTOR_PROBES)))


def actor_alias(world: World, data: st.DataObject) -> Target:
    """POST /actors/{id}/aliases: another name."""
    actor = world.new_actor()
    body = {"name": f"Fuzz Alias {uuid.uuid4().hex[:8]}", "language": "de"}
    probe = data.draw(st.sampled_from(ALIAS_PROBES))
    return Target(f"/actors/{actor}/aliases", actor, body, probe)


def actor_merge(world: World, data: st.DataObject) -> Target:
    """POST /actors/{id}/merge: merge one new actor into another."""
    actor, into = world.new_actor(), world.new_actor()
    return Target(f"/actors/{actor}/merge", actor, {"into": str(into)}, MERGE_PROBES[0])


ENDPOINTS: list[Draw] = [
    story_open,
    development_record,
    development_correct,
    development_retract,
    actor_register,
    actor_alias,
    actor_merge,
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.__name__)
@settings(
    max_examples=60,  # derandomized by the `ci` profile (tests/conftest.py): the same every run
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_bodies_are_refused_without_storing(
    client: Client, write_token: str, world: World, endpoint: Draw, data: st.DataObject
) -> None:
    """Hostile bodies (bounds, dates at year 1/9999, NUL, surrogates, nesting, wrong types,
    other media types) answer 2xx or 4xx with the error shape; a refusal stores no event."""
    target = endpoint(world, data)
    body = data.draw(hostile_body(target.body, target.probe, target.fields))
    media_type = data.draw(st.sampled_from(JSON_TYPES * 3 + MEDIA_TYPES))
    before = stored(target.stream)
    response = send(client, target.path, body, write_token, media_type)
    event(f"{response.status_code} {response.json().get('code', '')}")  # shown by pytest's
    # --hypothesis-show-statistics: how often each answer came
    assert_refused_or_stored(response, before, stored(target.stream))
    if media_type not in JSON_TYPES:
        assert response.status_code == 415, response.content
