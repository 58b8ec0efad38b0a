"""An actor event the directory cannot apply stops its actor alone, leaving no trace of itself."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest

from tests.domain.support import new_id
from tracker.domain import ACTOR_STREAM, ActorDirectory, ActorStop, Event, fold_actors
from tracker.domain import actor_directory as actor_fold
from tracker.domain.event_types import ACTOR_ALIAS_ADDED, ACTOR_MERGED, ACTOR_REGISTERED

T0 = datetime(2025, 4, 3, 9, 0, tzinfo=UTC)
POISON = "poison"


class Stream:
    """Actor events with positions in one global order and versions per actor."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.versions: dict[UUID, int] = {}

    def add(self, actor: str, event_type: str, data: Mapping[str, Any]) -> Event:
        """Append an actor event."""
        actor_id = new_id(actor)
        version = self.versions[actor_id] = self.versions.get(actor_id, 0) + 1
        event = Event(
            position=len(self.events) + 1,
            event_id=new_id(f"{actor}-{version}"),
            stream_id=actor_id,
            stream_type=ACTOR_STREAM,
            version=version,
            event_type=event_type,
            schema_version=1,
            data=dict(data),
            recorded_at=T0,
        )
        self.events.append(event)
        return event


def _poison_aliases(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make an alias step raise for the name POISON, after it changed the directory."""
    original = actor_fold._HANDLERS[ACTOR_ALIAS_ADDED]

    def handler(directory: ActorDirectory, event: Any, data: Mapping[str, Any]) -> None:
        original(directory, event, data)  # half done: the alias is added and learned
        if data.get("name") == POISON:
            raise RuntimeError("poisoned actor step")

    monkeypatch.setitem(actor_fold._HANDLERS, ACTOR_ALIAS_ADDED, handler)


def _poison_merges(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a merge step raise after it linked the two actors."""
    original = actor_fold._HANDLERS[ACTOR_MERGED]

    def handler(directory: ActorDirectory, event: Any, data: Mapping[str, Any]) -> None:
        original(directory, event, data)
        raise RuntimeError("poisoned merge")

    monkeypatch.setitem(actor_fold._HANDLERS, ACTOR_MERGED, handler)


def _history() -> Stream:
    stream = Stream()
    stream.add("putin", ACTOR_REGISTERED, {"name": "Wladimir Putin", "kind": "person"})
    stream.add("trump", ACTOR_REGISTERED, {"name": "Donald Trump", "kind": "person"})
    stream.add("putin", ACTOR_ALIAS_ADDED, {"name": "Vladimir Putin", "language": "en"})
    stream.add("putin", ACTOR_ALIAS_ADDED, {"name": POISON, "language": "en"})
    stream.add("trump", ACTOR_ALIAS_ADDED, {"name": "Дональд Трамп", "language": "ru"})
    stream.add("putin", ACTOR_ALIAS_ADDED, {"name": "Путин", "language": "ru"})
    return stream


def test_a_raising_step_stops_its_actor_at_its_last_good_event(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The half-done step is undone, the actor's later events are out, the others go on."""
    stream = _history()
    healthy = fold_actors(e for e in stream.events if e.data.get("name") != POISON)
    expected = fold_actors([*stream.events[:3], stream.events[4]])
    _poison_aliases(monkeypatch)

    directory = fold_actors(stream.events)

    putin, trump = new_id("putin"), new_id("trump")
    (stop,) = directory.stopped.values()
    assert (stop.actor_id, stop.event_id, stop.position) == (putin, stream.events[3].event_id, 4)
    assert (stop.version, stop.good_version) == (3, 2)
    assert "poisoned actor step" in str(stop.error)
    assert directory.actors == expected.actors and directory.by_name == expected.by_name
    assert directory.resolve(POISON) is None and directory.resolve("Путин") is None
    assert directory.version_of(putin) == 2
    assert directory.get(trump) == healthy.get(trump)  # the other actor went on
    assert directory.left_out(stream.events[5]) and not directory.left_out(stream.events[4])
    assert all(candidate["id"] != str(putin) for candidate in directory.near(POISON))

    step_by_step = ActorDirectory()
    for event in stream.events:
        actor_fold.evolve_actors(step_by_step, event)
    assert step_by_step == directory  # a fold in one go and event by event agree

    monkeypatch.undo()  # the fix: the same events fold in full
    assert fold_actors(stream.events).stopped == {}


def test_a_half_done_merge_is_undone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A merge that raises after linking the actors leaves both as they were."""
    stream = Stream()
    stream.add("a", ACTOR_REGISTERED, {"name": "Actor A", "kind": "person"})
    stream.add("b", ACTOR_REGISTERED, {"name": "Actor B", "kind": "person"})
    before = fold_actors(stream.events)
    stream.add("a", ACTOR_MERGED, {"into": str(new_id("b"))})
    _poison_merges(monkeypatch)
    directory = fold_actors(stream.events)
    assert directory.actors == before.actors and directory.merged_from == before.merged_from
    assert directory.canonical(new_id("a")) == new_id("a")
    assert set(directory.stopped) == {new_id("a")}


def test_a_stop_given_to_the_fold_leaves_the_same_events_out() -> None:
    """A directory started with a stop (a recorded failure) leaves that actor's events out."""
    stream = _history()
    started = ActorDirectory()
    poisoned = stream.events[3]
    started.stopped[poisoned.stream_id] = ActorStop(
        poisoned.stream_id, poisoned.event_id, poisoned.position, poisoned.version, 2
    )
    directory = fold_actors(stream.events, started)
    assert directory.version_of(new_id("putin")) == 2
    assert directory.version_of(new_id("trump")) == 2
