"""A fold resumed from a stored snapshot equals the full fold; long stories render off the write."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.domain.generators import commands, run
from tracker.domain import DevelopmentRecord, StoryState, evolve, fold
from tracker.domain.snapshot import (
    record_from_data,
    record_to_data,
    state_from_data,
    state_to_data,
)
from tracker.projections.rows import snapshot_data, snapshot_text


def stored(state: StoryState) -> StoryState:
    """Return the state after a trip through the snapshot's stored texts (header and records)."""
    header = snapshot_text(state_to_data(state))
    records = [snapshot_text(record_to_data(record)) for record in state.developments.values()]
    developments: dict[Any, DevelopmentRecord] = {}
    for text in records:
        record = record_from_data(snapshot_data(text))
        developments[record.event_id] = record
    return state_from_data(snapshot_data(header), developments)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commands, st.data())
def test_evolving_a_stored_snapshot_equals_the_full_fold(steps: Any, data: st.DataObject) -> None:
    """Fold to any version, store and load the snapshot, evolve the rest: the full fold's state.

    The generated stories hold corrections, retractions, aliases and merges (run through the
    decisions); the snapshot keeps times with their offsets, ids, history and ignored events.
    """
    result = run(steps)
    events = result.store.story_events(result.story_id)
    split = data.draw(st.integers(0, len(events)))
    resumed = stored(fold(events[:split]))
    for event in events[split:]:
        evolve(resumed, event)
    assert resumed == fold(events)


def test_a_snapshot_keeps_integers_beyond_64_bits_and_float_values_exactly() -> None:
    """Data no 64-bit integer holds, and floats, come back from the stored text unchanged."""
    value = {"huge": 10**30, "negative": -(10**25), "float": 0.1, "tiny": 5e-324, "text": "ä"}
    assert snapshot_data(snapshot_text(value)) == value
    assert snapshot_data(snapshot_text({"plain": 1})) == {"plain": 1}
