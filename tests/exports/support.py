"""Inputs of the format tests: the sample story, folded in memory, with no database."""

from __future__ import annotations

from uuid import UUID

from tests.domain.support import MemoryStore, load_seed, new_id
from tracker.domain import (
    decide_correct_development,
    decide_retract_development,
    fold,
    fold_actors,
)
from tracker.exports.base import ExportInput, ExportOptions, story_input


def memory_input(
    store: MemoryStore, story_id: object, options: ExportOptions | None = None
) -> ExportInput:
    """Return the export input of a story held by an in-memory store."""
    events = store.story_events(story_id)  # type: ignore[arg-type]
    return story_input(fold(events), events, fold_actors(store.actor_events()), options)


def sample_input(options: ExportOptions | None = None) -> ExportInput:
    """Return the export input of the sample story (Der Spiegel on Dmitrijew)."""
    store, commands = load_seed()
    return memory_input(store, commands.story_id, options)


VISIT_SUMMARY = "Dmitrijew arrives in Washington (corrected)"


def amended_input(options: ExportOptions | None = None) -> tuple[ExportInput, UUID, UUID]:
    """Return the sample story with its visit corrected and its first statement retracted.

    Also returns the visit's and the retracted statement's event ids.
    """
    store, commands = load_seed()
    story_id = commands.story_id
    state = store.story(story_id)
    visit = next(e for e, d in state.developments.items() if d.type == "visit")
    statement = next(e for e, d in state.developments.items() if d.type == "statement")
    store.append(
        decide_correct_development(
            story=state,
            target=visit,
            event_id=new_id("correct visit"),
            reason="the summary misread the report",
            changes={"summary": VISIT_SUMMARY},
            resolve_actor=store.directory.resolve,
            actor_exists=store.directory.exists,
        )
    )
    store.append(
        decide_retract_development(
            story=store.story(story_id),
            target=statement,
            reason="not in the article",
            event_id=new_id("retract statement"),
        )
    )
    return memory_input(store, story_id, options), visit, statement
