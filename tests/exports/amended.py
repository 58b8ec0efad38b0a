"""Stories for the linked-data and feed tests: the sample amended, generated ones, recorders.

The sample alone has no correction, retraction or denial; `amended_sample` adds one of each
(and so a disputed development), as the write services would, in memory. Every event gets
a `recorded_by` like the services write: developments by the loader, amendments by a user.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from tests.domain.generators import run
from tests.domain.support import MemoryStore, load_seed, new_id
from tracker.domain import (
    DEVELOPMENT_TYPES,
    Event,
    decide_correct_development,
    decide_retract_development,
    fold,
    fold_actors,
)
from tracker.exports.base import ExportInput, ExportOptions, story_input

LOADER = {"kind": "system", "name": "load_sample"}
EDITOR = {"kind": "user", "username": "anna", "id": 7}
REUTERS = {"outlet": "Reuters", "url": "https://example.org/visit-ended", "language": "en"}


def recorded_by(event: Event) -> dict[str, Any]:
    """Return who recorded an event in these tests: the loader, or an editor for amendments."""
    return LOADER if event.event_type in DEVELOPMENT_TYPES else EDITOR


def with_recorders(events: Sequence[Event]) -> list[Event]:
    """Return the events with `recorded_by` metadata, as the write services store it."""
    return [dataclasses.replace(e, metadata={"recorded_by": recorded_by(e)}) for e in events]


def export_of(
    store: MemoryStore, story_id: UUID, options: ExportOptions | None = None
) -> ExportInput:
    """Return the export input of a story in a memory store, its events with recorders."""
    events = with_recorders(store.story_events(story_id))
    return story_input(fold(events), events, fold_actors(store.actor_events()), options)


def amended_sample() -> tuple[MemoryStore, UUID, dict[str, UUID]]:
    """Return the sample with a correction, a retraction and two denials; ids by key."""
    store, commands = load_seed()
    story_id = commands.story_id
    ids = {d.key: d.event_id for d in commands.developments}
    directory = store.directory
    ids["correction"] = new_id("amended/correction")
    store.append(
        decide_correct_development(
            story=store.story(story_id),
            target=ids["visit"],
            changes={"status": "completed", "occurred_at": "2025-04-03"},
            reason="The visit ended on 3 April",
            event_id=ids["correction"],
            resolve_actor=directory.resolve,
            actor_exists=directory.exists,
            source=REUTERS,
        )
    )
    ids["retraction"] = new_id("amended/retraction")
    store.append(
        decide_retract_development(
            story=store.story(story_id),
            target=ids["dmitrijew_gradual"],
            reason="Misattributed quote",
            event_id=ids["retraction"],
        )
    )
    for key, target in (("kremlin_denies_visit", "visit"), ("witkoff_denies", "economic_talks")):
        ids[key] = new_id(f"amended/{key}")
        store.record(story_id, _denial(key, ids[target]), ids[key])
    return store, story_id, ids


def _denial(key: str, target: UUID) -> dict[str, Any]:
    """Return a denial of a development."""
    denier = "Russland" if key == "kremlin_denies_visit" else "Steve Witkoff"
    return {
        "type": "denial",
        "summary": f"{denier} denies it",
        "occurred_at": "2025-04-04",
        "denier": {"name": denier},
        "denies": str(target),
        "content": "No.",
        "source": {"outlet": "TASS", "language": "ru"},
    }


def generated(steps: list[tuple[int, int, int]]) -> tuple[MemoryStore, UUID]:
    """Return a generated story (commands run through the decisions) and its id."""
    result = run(steps)
    return result.store, result.story_id
