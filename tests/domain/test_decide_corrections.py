"""Corrections and retractions: what they may target and what changes must fit."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from tests.domain.conftest import World
from tests.domain.support import new_id
from tracker.domain import (
    DevelopmentNotFound,
    DevelopmentRetracted,
    InvalidCorrection,
    NothingToChange,
    StoryNotFound,
    StoryState,
    ValidationFailed,
    decide_correct_development,
    decide_retract_development,
    to_document,
)


def correct(world: World, changes: Any, target: UUID | None = None, label: str = "c") -> list[Any]:
    """Decide a correction of the world's visit (without appending)."""
    return decide_correct_development(
        story=world.store.story(world.story_id),
        target=target or world.visit_id,
        changes=changes,
        reason="the report was updated",
        event_id=new_id(label),
        resolve_actor=world.store.directory.resolve,
        actor_exists=world.store.directory.exists,
    )


def retract(world: World, target: UUID | None = None, label: str = "r") -> list[Any]:
    """Decide a retraction of the world's visit (without appending)."""
    return decide_retract_development(
        story=world.store.story(world.story_id),
        target=target or world.visit_id,
        reason="the outlet withdrew the report",
        event_id=new_id(label),
    )


def test_a_correction_stores_only_the_changed_fields_and_the_fold_keeps_history(
    world: World,
) -> None:
    """Changing status and day records old and new values; the timeline shows both."""
    (event,) = correct(world, {"status": "completed", "occurred_at": "2025-04-01"})
    assert event.event_type == "development_corrected"
    assert event.data["changes"] == {"status": "completed", "occurred_at": "2025-04-01"}
    world.store.append([event])
    doc = to_document(world.store.story(world.story_id), world.store.directory)
    (entry,) = doc["timeline"]
    assert entry["status"] == "corrected"
    assert entry["data"]["status"] == "completed"
    assert entry["occurred_at"] == "2025-04-01T00:00:00Z"
    assert entry["history"][0]["changes"]["status"] == {"old": "under_way", "new": "completed"}
    assert doc["visits"][0]["status"] == "completed"
    assert doc["corrections"] == 1


def test_correcting_in_a_missing_story_is_refused() -> None:
    """No story, no correction."""
    with pytest.raises(StoryNotFound):
        decide_correct_development(
            story=StoryState(),
            target=new_id("x"),
            changes={"status": "completed"},
            reason="r",
            event_id=new_id("c"),
            resolve_actor=lambda n: None,
            actor_exists=lambda a: False,
        )


def test_correcting_or_retracting_an_unknown_development_is_refused(world: World) -> None:
    """The target must be a development of this story (not the opening event, not a stranger)."""
    for target in (new_id("stranger"), new_id("opened")):
        with pytest.raises(DevelopmentNotFound) as caught:
            correct(world, {"status": "completed"}, target=target)
        assert caught.value.category == "not_found"
        with pytest.raises(DevelopmentNotFound):
            retract(world, target=target)


def test_correcting_or_retracting_a_retracted_development_is_refused(world: World) -> None:
    """Once retracted, a development no longer changes."""
    world.store.append(retract(world))
    with pytest.raises(DevelopmentRetracted):
        correct(world, {"status": "completed"})
    with pytest.raises(DevelopmentRetracted):
        retract(world, label="r2")


def test_changes_that_do_not_fit_the_type_are_refused_listing_the_bad_fields(world: World) -> None:
    """Unknown fields, the type itself, and invalid merged values are InvalidCorrection."""
    with pytest.raises(InvalidCorrection) as caught:
        correct(world, {"speaker": "Putin", "type": "statement"})
    assert {e["field"] for e in caught.value.errors} == {"speaker", "type"}
    assert "is not a field of a visit" in caught.value.message
    with pytest.raises(InvalidCorrection) as caught:
        correct(world, {"status": "arrived", "destination": ""})
    assert {e["field"] for e in caught.value.errors} == {"status", "destination"}
    assert caught.value.code == "invalid_correction"
    with pytest.raises(InvalidCorrection):
        correct(world, {"visitor": None})  # the visit would have nobody


def test_empty_changes_reason_or_no_effect_are_refused(world: World) -> None:
    """A correction must change something and say why."""
    with pytest.raises(ValidationFailed, match="changes: name at least one field"):
        correct(world, {})
    with pytest.raises(NothingToChange):
        correct(world, {"status": "under_way"})
    with pytest.raises(ValidationFailed, match="reason: must not be empty"):
        decide_retract_development(
            story=world.store.story(world.story_id),
            target=world.visit_id,
            reason="",
            event_id=new_id("r"),
        )


def test_a_correction_naming_a_new_actor_registers_it(world: World) -> None:
    """Changes are resolved like a new development: unknown names register."""
    events = correct(world, {"hosts": [{"name": "Steve Witkoff"}]})
    assert [e.event_type for e in events] == ["actor_registered", "development_corrected"]


def test_retraction_removes_the_development_but_keeps_it_in_the_timeline(world: World) -> None:
    """After a retraction the visit is gone from visits and counts, marked in the timeline."""
    world.store.append(retract(world))
    doc = to_document(world.store.story(world.story_id), world.store.directory)
    assert doc["visits"] == [] and doc["actors"] == [] and doc["developments"] == 0
    assert doc["retractions"] == 1
    (entry,) = doc["timeline"]
    assert entry["status"] == "retracted"
    assert entry["history"][-1]["reason"] == "the outlet withdrew the report"
