"""Aliases and merges: one actor with every spelling, in every story."""

from __future__ import annotations

from tests.domain.conftest import World, visit_body
from tests.domain.support import new_id
from tracker.domain import (
    actor_id_for_name,
    decide_add_alias,
    decide_merge_actors,
    fold_actors,
    to_document,
)


def test_alias_and_merge_make_one_actor_with_both_spellings(world: World) -> None:
    """Dmitrijew (German) and Dmitriev (English, auto-registered) merge into one actor."""
    store = world.store
    store.record(world.story_id, visit_body(visitor="Kirill Dmitriev"), new_id("english"))
    doc = to_document(store.story(world.story_id), store.directory)
    assert {a["name"] for a in doc["actors"]} == {"Kirill Dmitrijew", "Kirill Dmitriev"}

    dmitrijew, dmitriev = (
        actor_id_for_name("Kirill Dmitrijew"),
        actor_id_for_name("Kirill Dmitriev"),
    )
    store.append(
        decide_add_alias(
            directory=store.directory,
            actor_id=dmitrijew,
            event_id=new_id("ru"),
            name="Кирилл Дмитриев",
            language="ru",
        )
    )
    store.append(
        decide_merge_actors(
            directory=store.directory, actor_id=dmitriev, into=dmitrijew, event_id=new_id("m")
        )
    )
    doc = to_document(store.story(world.story_id), store.replayed_directory())
    (actor,) = doc["actors"]
    assert actor["id"] == str(dmitrijew) and actor["name"] == "Kirill Dmitrijew"
    assert {a["name"] for a in actor["aliases"]} == {"Кирилл Дмитриев", "Kirill Dmitriev"}
    assert set(actor["names_as_stated"]) == {"Kirill Dmitrijew", "Kirill Dmitriev"}
    assert len(actor["developments"]) == 2
    assert {v["visitor"]["name"] for v in doc["visits"]} == {"Kirill Dmitrijew"}
    assert store.directory.resolve("Kirill Dmitriev") == dmitrijew


def test_directory_fold_tracks_versions_and_never_loops(world: World) -> None:
    """Each actor knows its stream version; the directory replays to the live one."""
    store = world.store
    live = store.directory
    replayed = fold_actors(store.actor_events())
    assert replayed == live
    assert replayed.version_of(actor_id_for_name("Kirill Dmitrijew")) == 1
    assert replayed.version_of(new_id("nobody")) == 0
