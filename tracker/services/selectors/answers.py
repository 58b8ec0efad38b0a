"""Story reads as the API answers them: the bytes, plus what caches need to revalidate them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from tracker.dbrouting import replica_read
from tracker.projections.status import stale_marker
from tracker.services import streams
from tracker.services.errors import NotFound
from tracker.services.selectors import documents
from tracker.services.selectors.documents import Validators
from tracker.services.selectors.replay import replay_document
from tracker.services.selectors.stories import (
    _story_view,
    _wait_for,
    story_get,
    story_get_json,
    story_timeline,
)


@dataclass(frozen=True)
class StoryRead:
    """A story answer: its JSON bytes, its version, and the stored row's validators if live."""

    body: bytes
    version: int
    validators: Validators | None = None


@dataclass(frozen=True)
class TimelineRead:
    """A timeline answer: its items, the replayed version (None: live), the story's validators."""

    items: list[dict[str, Any]]
    version: int | None = None
    validators: Validators | None = None
    replay: dict[str, Any] | None = None


def replay_echo(*, version: int | None, as_of: datetime | None, basis: str) -> dict[str, Any]:
    """Return what a replay answered: the version asked, or the UTC time and the basis used."""
    if version is not None:
        return {"version": version, "as_of": None, "basis": None}
    moment = as_of.isoformat().replace("+00:00", "Z") if as_of is not None else None
    return {"version": None, "as_of": moment, "basis": basis}


@replica_read
def story_read(
    *,
    story: str,
    version: int | None = None,
    as_of: datetime | None = None,
    basis: str = "recorded",
    min_position: int | None = None,
) -> StoryRead:
    """Return the story state as JSON bytes: the live one straight as stored, or a replay."""
    if version is not None or as_of is not None:
        document = story_get(story=story, version=version, as_of=as_of, basis=basis)
        document["replay"] = replay_echo(version=version, as_of=as_of, basis=basis)
        return StoryRead(orjson.dumps(document), document["version"])
    _wait_for(min_position)
    story_id = streams.story_id_of(story)
    stored = documents.story_stored(story_id)
    if stored is None:
        _story_view(story)  # waits for a story the projection has not reached, or raises
        stored = documents.story_stored(story_id)
    elif stored[0].behind:
        story_get_json(story=story)  # renders the rows the story's snapshot is ahead of
        stored = documents.story_stored(story_id)
    if stored is None:
        raise NotFound(f"no story {story}")
    validators, text = stored
    if validators.stuck:  # the last good state, marked: later events could not be applied
        document = orjson.loads(text)
        document["stale"] = stale_marker(story_id)
        return StoryRead(orjson.dumps(document), validators.version, validators)
    return StoryRead(text.encode(), validators.version, validators)


@replica_read
def timeline_read(
    *,
    story: str,
    version: int | None = None,
    as_of: datetime | None = None,
    basis: str = "recorded",
    min_position: int | None = None,
) -> TimelineRead:
    """Return the story's developments in occurred order, live or replayed, with validators."""
    if version is not None or as_of is not None:
        document = replay_document(story, version=version, as_of=as_of, basis=basis)
        echo = replay_echo(version=version, as_of=as_of, basis=basis)
        return TimelineRead(document["timeline"], document["version"], replay=echo)
    items = story_timeline(story=story, min_position=min_position)
    return TimelineRead(items, None, documents.story_validators(streams.story_id_of(story)))
