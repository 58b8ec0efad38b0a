"""Properties of the fold over generated valid event sequences (commands run through decisions)."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.domain.generators import change, commands, development, run
from tests.domain.support import new_id
from tracker.domain import (
    DEVELOPMENT_TYPES,
    DomainError,
    decide_correct_development,
    decide_record_development,
    decide_retract_development,
    fold,
    fold_actors,
    state_at_version,
    to_document,
)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def dumped(doc: Any) -> str:
    """Return a canonical JSON text of a document."""
    return json.dumps(doc, sort_keys=True, ensure_ascii=False)


@SETTINGS
@given(commands, st.data())
def test_fold_never_raises_even_on_shuffled_or_partial_streams(
    steps: Any, data: st.DataObject
) -> None:
    """Any generated stream, any permutation and any subset of it folds and renders."""
    result = run(steps)
    events = result.store.story_events(result.story_id)
    directory = fold_actors(result.store.actor_events())
    to_document(fold(events), directory)
    shuffled = data.draw(st.permutations(events))
    subset = [e for e in shuffled if data.draw(st.booleans())]
    to_document(fold(subset), fold_actors(data.draw(st.permutations(result.store.actor_events()))))


@SETTINGS
@given(commands)
def test_live_evolution_equals_replay_and_state_at_version_n_equals_first_n(steps: Any) -> None:
    """Evolving event by event, replaying, and replaying to version N all agree."""
    result = run(steps)
    events = result.store.story_events(result.story_id)
    assert result.store.replayed_story(result.story_id) == result.store.story(result.story_id)
    assert result.store.replayed_directory() == result.store.directory
    for version, snapshot in result.snapshots.items():
        assert state_at_version(events, version) == snapshot
        assert fold(events[:version]) == snapshot


@SETTINGS
@given(commands)
def test_replay_is_deterministic(steps: Any) -> None:
    """Running the same commands twice gives the same events, state and document."""
    first, second = run(steps, "same"), run(steps, "same")
    assert first.store.events == second.store.events
    for event in first.store.events:  # what decisions return is plain JSON
        assert json.loads(json.dumps(event.data)) == event.data
    directory = first.store.directory
    doc = to_document(fold(first.store.story_events(first.story_id)), directory)
    again = to_document(fold(second.store.story_events(second.story_id)), directory)
    assert dumped(doc) == dumped(again)


VOLATILE = ("version", "position", "last_development_at", "retractions", "timeline")


@SETTINGS
@given(
    commands,
    st.sampled_from(DEVELOPMENT_TYPES),
    st.integers(0, 10_000),
    st.lists(st.integers(0, 10_000), max_size=3),
)
def test_corrected_then_retracted_development_leaves_no_trace(
    steps: Any, type_name: str, variant: int, fixes: list[int]
) -> None:
    """After record, corrections and retraction, the state is as if the development never was."""
    result = run(steps, "trace")
    store, story_id = result.store, result.story_id
    before = fold(store.story_events(story_id))
    live = [d for d, r in before.developments.items() if not r.retracted]
    ghost = new_id(("ghost", variant))
    store.append(
        decide_record_development(
            story=store.story(story_id),
            development=development(type_name, variant, live),
            event_id=ghost,
            resolve_actor=store.directory.resolve,
            actor_exists=store.directory.exists,
        )
    )
    for n, fix in enumerate(fixes):
        with contextlib.suppress(DomainError):  # a change that alters nothing is refused
            store.append(
                decide_correct_development(
                    story=store.story(story_id),
                    target=ghost,
                    reason="fix",
                    changes=change(type_name, fix, live),
                    event_id=new_id(("fix", n)),
                    resolve_actor=store.directory.resolve,
                    actor_exists=store.directory.exists,
                )
            )
    store.append(
        decide_retract_development(
            story=store.story(story_id), target=ghost, reason="false", event_id=new_id("gone")
        )
    )
    directory = store.directory
    after = to_document(store.story(story_id), directory)
    expected = to_document(before, directory)
    assert after["retractions"] == expected["retractions"] + 1
    ghost_entries = [t for t in after["timeline"] if t["event_id"] == str(ghost)]
    assert [t["status"] for t in ghost_entries] == ["retracted"]
    rest = [t for t in after["timeline"] if t["event_id"] != str(ghost)]
    assert dumped(rest) == dumped(expected["timeline"])
    for key in VOLATILE:
        after.pop(key)
        expected.pop(key)
    assert dumped(after) == dumped(expected)
