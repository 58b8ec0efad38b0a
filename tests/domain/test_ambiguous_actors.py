"""A new name close to a registered actor's is refused with the candidates, unless said new."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from tests.domain.conftest import visit_body
from tests.domain.support import MemoryStore, load_seed, new_id
from tracker.domain import (
    ACTOR_STREAM,
    STORY_STREAM,
    AmbiguousActor,
    ValidationFailed,
    actor_id_for_name,
    decide_correct_development,
    decide_open_story,
    decide_record_development,
    decide_register_actor,
    fold_actors,
)
from tracker.sample import load_sample, sample_commands

DMITRIJEW = actor_id_for_name("Kirill Dmitrijew")


@pytest.fixture
def seeded() -> tuple[MemoryStore, UUID]:
    """Return a store holding the sample story (its actors registered) and the story id."""
    store, commands = load_seed()
    return store, commands.story_id


def decide(
    store: MemoryStore, story_id: UUID, body: dict[str, Any], event_id: UUID | None = None
) -> list[Any]:
    """Decide a development with near-name checking, as the services do."""
    return decide_record_development(
        story=store.story(story_id),
        development=body,
        event_id=event_id or new_id("d"),
        resolve_actor=store.directory.resolve,
        actor_exists=store.directory.exists,
        near_actors=store.directory.near,
    )


def test_a_near_surname_is_refused_with_the_candidate(seeded: tuple[MemoryStore, UUID]) -> None:
    """ "Dmitriev" alone registers nothing: the refusal names Kirill Dmitrijew and why."""
    store, story_id = seeded
    with pytest.raises(AmbiguousActor) as caught:
        decide(store, story_id, visit_body(visitor={"name": "Dmitriev"}))
    refusal = caught.value
    assert refusal.code == "ambiguous_actor" and refusal.category == "conflict"
    (entry,) = refusal.ambiguous
    assert entry["field"] == "visitor" and entry["name"] == "Dmitriev"
    (candidate,) = entry["candidates"]
    assert candidate["id"] == str(DMITRIJEW)
    assert candidate["name"] == "Kirill Dmitrijew" and candidate["kind"] == "person"
    assert {alias["name"] for alias in candidate["aliases"]} >= {"Kirill Dmitriev"}
    assert candidate["reason"] == "part_of_name"
    assert "Dmitriev" in candidate["why"] and "part of the name" in candidate["why"]
    assert refusal.errors[0]["field"] == "visitor.name"


@pytest.mark.parametrize("spelling", ["Kirill Dmitryev", "Кирилл Дмитриевъ", "Dmitrijev"])
def test_other_spellings_and_scripts_are_refused(
    seeded: tuple[MemoryStore, UUID], spelling: str
) -> None:
    """Transliterations, Cyrillic and Latin alike, point at the registered actor."""
    store, story_id = seeded
    with pytest.raises(AmbiguousActor) as caught:
        decide(store, story_id, visit_body(visitor={"name": spelling}))
    assert [c["id"] for c in caught.value.ambiguous[0]["candidates"]] == [str(DMITRIJEW)]


def test_exact_names_and_aliases_resolve_without_asking(seeded: tuple[MemoryStore, UUID]) -> None:
    """The actor's own name, an alias in any script and an accented form resolve as before."""
    store, story_id = seeded
    for number, spelling in enumerate(["KIRILL DMÍTRIJEW", "Кирилл Дмитриев", "Kirill Dmitriev"]):
        events = decide(store, story_id, visit_body(visitor={"name": spelling}), new_id(number))
        (development,) = events
        assert development.data["visitor"]["actor_id"] == str(DMITRIJEW)


def test_new_true_registers_the_name(seeded: tuple[MemoryStore, UUID]) -> None:
    """With "new": true the near name is registered as a new actor in the same command."""
    store, story_id = seeded
    body = visit_body(visitor={"name": "Dmitriev", "new": True})
    registration, development = decide(store, story_id, body)
    assert registration.stream_type == ACTOR_STREAM
    assert registration.data == {"name": "Dmitriev", "kind": "person", "aliases": []}
    assert development.data["visitor"] == {
        "actor_id": str(actor_id_for_name("Dmitriev")),
        "name_as_stated": "Dmitriev",
    }


def test_an_actor_id_names_the_actor_meant(seeded: tuple[MemoryStore, UUID]) -> None:
    """Choosing the candidate by id records the reference to it, keeping the stated spelling."""
    store, story_id = seeded
    body = visit_body(visitor={"actor_id": str(DMITRIJEW), "name_as_stated": "Dmitriev"})
    (development,) = decide(store, story_id, body)
    assert development.data["visitor"] == {"actor_id": str(DMITRIJEW), "name_as_stated": "Dmitriev"}


def test_every_ambiguous_name_is_listed_once(seeded: tuple[MemoryStore, UUID]) -> None:
    """Two near names are both listed; one name used twice is listed at its first field."""
    store, story_id = seeded
    body = visit_body(
        visitor={"name": "Dmitriev"},
        hosts=[{"name": "Trump"}, {"name": "Dmitriev"}],
        actors=[{"name": "Brand New Person", "role": "witness"}],
    )
    with pytest.raises(AmbiguousActor) as caught:
        decide(store, story_id, body)
    listed = [(entry["field"], entry["name"]) for entry in caught.value.ambiguous]
    assert listed == [("visitor", "Dmitriev"), ("hosts.0", "Trump")]


def test_one_reference_said_new_settles_the_name_for_the_command(
    seeded: tuple[MemoryStore, UUID],
) -> None:
    """A name said new once is registered once; its other references point at the new actor."""
    store, story_id = seeded
    body = visit_body(visitor={"name": "Dmitriev"}, hosts=[{"name": "Dmitriev", "new": True}])
    registration, development = decide(store, story_id, body)
    assert registration.stream_id == actor_id_for_name("Dmitriev")
    assert development.data["visitor"]["actor_id"] == development.data["hosts"][0]["actor_id"]


def test_new_true_with_an_actor_id_is_invalid(seeded: tuple[MemoryStore, UUID]) -> None:
    """ "new" belongs to a name: with an actor_id it is a validation error."""
    store, story_id = seeded
    with pytest.raises(ValidationFailed) as caught:
        decide(store, story_id, visit_body(visitor={"actor_id": str(DMITRIJEW), "new": True}))
    assert caught.value.errors[0]["field"] == "visitor"


def test_a_correction_naming_a_near_actor_is_refused(seeded: tuple[MemoryStore, UUID]) -> None:
    """Changing the visitor to "Putin" asks whether Wladimir Putin is meant."""
    store, story_id = seeded
    (visit,) = store.record(story_id, visit_body(), new_id("visit"))
    with pytest.raises(AmbiguousActor) as caught:
        decide_correct_development(
            story=store.story(story_id),
            target=visit.event_id,
            changes={"visitor": {"name": "Putin"}},
            reason="the report named another visitor",
            event_id=new_id("c"),
            resolve_actor=store.directory.resolve,
            actor_exists=store.directory.exists,
            near_actors=store.directory.near,
        )
    assert caught.value.ambiguous[0]["candidates"][0]["name"] == "Wladimir Putin"


def test_the_sample_story_resolves_every_reference_with_checking_on() -> None:
    """Recording the sample's developments with near-name checks registers no actor, asks none."""
    commands = sample_commands(load_sample())
    store = MemoryStore()
    for actor in commands.actors:
        store.append(
            decide_register_actor(
                directory=store.directory,
                actor_id=actor.actor_id,
                event_id=actor.event_id,
                actor=actor.payload,
            )
        )
    store.append(
        decide_open_story(
            story=None, story_id=commands.story_id, event_id=new_id("o"), **commands.story
        )
    )
    for development in commands.developments:
        events = decide(store, commands.story_id, development.payload, development.event_id)
        assert [event.stream_type for event in events] == [STORY_STREAM]
        store.append(events)


def test_the_near_index_follows_a_folded_directory(seeded: tuple[MemoryStore, UUID]) -> None:
    """A directory folded from the events finds the same candidates as the live one."""
    store, _ = seeded
    replayed = fold_actors(store.actor_events())
    assert replayed.near("Dmitriev") == store.directory.near("Dmitriev")
