"""Replay by version, by what was known at a time, and by what had happened by a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.domain.conftest import World, visit_body
from tests.domain.support import T0, new_id
from tracker.domain import (
    decide_correct_development,
    decide_retract_development,
    fold,
    state_as_happened_by,
    state_as_known_at,
    state_at_version,
)


def grow(world: World) -> None:
    """Add a later visit, correct the first one's date, and retract the later one."""
    store = world.store
    store.record(
        world.story_id, visit_body(destination="Moskau", occurred_at="2025-05-10"), new_id("later")
    )
    store.append(
        decide_correct_development(
            story=store.story(world.story_id),
            target=world.visit_id,
            changes={"occurred_at": "2025-03-30"},
            reason="earlier than reported",
            event_id=new_id("fix"),
            resolve_actor=store.directory.resolve,
            actor_exists=store.directory.exists,
        )
    )
    store.append(
        decide_retract_development(
            story=store.story(world.story_id),
            target=new_id("later"),
            reason="false",
            event_id=new_id("retract"),
        )
    )


def test_state_at_version_is_the_fold_of_the_first_n_events(world: World) -> None:
    """Version N replays the first N events of the stream."""
    grow(world)
    events = world.store.story_events(world.story_id)
    for n in range(len(events) + 1):
        assert state_at_version(events, n) == fold(events[:n])
    assert state_at_version(events, 2).developments[world.visit_id].status == "active"


def test_state_as_known_at_uses_recorded_at(world: World) -> None:
    """Before the correction was recorded, the old date is what we knew."""
    grow(world)
    events = world.store.story_events(world.story_id)
    fix = next(e for e in events if e.event_type == "development_corrected")
    before = state_as_known_at(events, fix.recorded_at - timedelta(microseconds=1))
    after = state_as_known_at(events, fix.recorded_at)
    assert before.developments[world.visit_id].occurred_at == datetime(2025, 4, 2, tzinfo=UTC)
    assert after.developments[world.visit_id].occurred_at == datetime(2025, 3, 30, tzinfo=UTC)
    assert state_as_known_at(events, T0).opened is False


def test_state_as_happened_by_uses_occurred_at_as_known_now(world: World) -> None:
    """By 31 March the visit had happened (its corrected date), with its correction applied."""
    grow(world)
    events = world.store.story_events(world.story_id)
    by_march = state_as_happened_by(events, datetime(2025, 3, 31, tzinfo=UTC))
    assert set(by_march.developments) == {world.visit_id}
    assert by_march.developments[world.visit_id].status == "corrected"
    assert by_march.opened and by_march.title == "Envoy in Washington"
    before = state_as_happened_by(events, datetime(2025, 3, 1, tzinfo=UTC))
    assert before.developments == {}
    everything = state_as_happened_by(events, datetime(2026, 1, 1, tzinfo=UTC))
    assert everything.developments[new_id("later")].status == "retracted"
    assert everything == fold(events)
