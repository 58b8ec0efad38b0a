"""Inputs of the format tests: the sample story, folded in memory, with no database."""

from __future__ import annotations

from tests.domain.support import MemoryStore, load_seed
from tracker.domain import fold, fold_actors
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
