"""Answer a story read at a past point by folding its events (the domain's one fold)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tracker.domain import (
    ACTOR_STREAM,
    fold_actors,
    state_as_happened_by,
    state_as_known_at,
    state_at_version,
    to_document,
)
from tracker.projections.directory import actor_directory, directory_seed
from tracker.services import streams
from tracker.services.errors import VersionNotFound

BASES = ("recorded", "occurred")


def replay_document(
    story: str, *, version: int | None, as_of: datetime | None, basis: str
) -> dict[str, Any]:
    """Return the story document (with its timeline) at a version or a time.

    Its actors are shown as the projection shows them: an actor recorded stuck stays stopped
    at its recorded event until it is retried (`directory_seed`).
    """
    _, events = streams.require_events(story)
    store = streams.store()
    if version is not None:
        current = events[-1].version
        if version > current:
            raise VersionNotFound(f"story {story} is at version {current}, not yet at {version}")
        state = state_at_version(events, version)
    elif as_of is not None and basis == "occurred":
        state = state_as_happened_by(events, as_of)
    elif as_of is not None:
        state = state_as_known_at(events, as_of)
        actor_events = store.read_all(after=0, limit=1_000_000, stream_types=[ACTOR_STREAM])
        directory = fold_actors(
            (e for e in actor_events if e.recorded_at <= as_of), directory_seed()
        )
        return to_document(state, directory)
    else:
        raise ValueError("replay needs a version or a time")
    with actor_directory(store) as current_actors:
        return to_document(state, current_actors)
