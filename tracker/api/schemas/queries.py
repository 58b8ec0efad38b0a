"""Query-string parameters of the read endpoints, validated before any query runs."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from tracker.api.schemas.common import (
    DEFAULT_LIMIT,
    AfterVersion,
    Limit,
    Moment,
    Offset,
    Position,
    ShortText,
    TypeName,
    Version,
)
from tracker.api.schemas.moments import AS_OF, DateOrTime, ZoneName, replay_moment
from tracker.domain.event_types import ACTOR_EVENT_TYPES, STORY_EVENT_TYPES
from tracker.domain.lifecycle import StoryStatus

#: Every event type the store holds, as `type=` may name them.
EVENT_TYPES = tuple(sorted(STORY_EVENT_TYPES | ACTOR_EVENT_TYPES))
StreamType = Literal["story", "actor"]


def _known_type(value: str) -> str:
    """Refuse an event type the vocabulary does not have, naming the ones it has."""
    if value not in EVENT_TYPES:
        raise PydanticCustomError(
            "enum",
            "Input should be one of: {expected}",
            {"expected": ", ".join(EVENT_TYPES)},
        )
    return value


#: An event type of the vocabulary (422 naming them all otherwise).
EventType = Annotated[
    TypeName, AfterValidator(_known_type), Field(json_schema_extra={"enum": list(EVENT_TYPES)})
]

LIMIT = "how many items at most (1 to 1000)"
OFFSET = "how many matching items to skip"
AFTER = "the events after this position (0: from the first); positions are sparse"
TYPES = "only events of these types (repeat the parameter for several); another is 422"
STREAM_TYPES = "only events of these stream types: story, actor (repeat for several)"


class FeedQuery(Schema):
    """GET /events: where to start, how many, which event and stream types."""

    after: Position = Field(0, description=AFTER)
    limit: Limit = Field(DEFAULT_LIMIT, description=LIMIT)
    type: list[EventType] = Field(default_factory=list, max_length=50, description=TYPES)
    stream_type: list[StreamType] = Field(
        default_factory=list, max_length=10, description=STREAM_TYPES
    )


class StreamQuery(Schema):
    """GET /events/stream: where to start (Last-Event-ID wins), which types."""

    after: Position | None = Field(None, description=AFTER + "; Last-Event-ID wins over it")
    type: list[EventType] = Field(default_factory=list, max_length=50, description=TYPES)
    stream_type: list[StreamType] = Field(
        default_factory=list, max_length=10, description=STREAM_TYPES
    )


class StoryListQuery(Schema):
    """GET /stories: full-text search, actor, status, paging."""

    q: ShortText | None = Field(
        None,
        description="search of titles, summaries, developments, quotes and actors' names and "
        "aliases in every script: each word matches its inflections (German and English "
        "stemming), words it begins and, in German, compounds it ends; every word must match; "
        '"a phrase", -excluded, or',
    )
    actor: ShortText | None = Field(
        None,
        description="stories involving this actor: its id, or its name or one of its aliases, "
        "whole or in part (each word of `actor` begins a word of it; case and accents ignored)",
    )
    status: StoryStatus | None = Field(
        None, description="the story's status: developing, dormant or concluded"
    )
    limit: Limit = Field(DEFAULT_LIMIT, description=LIMIT)
    offset: Offset = Field(0, description=OFFSET)


class ReplayQuery(Schema):
    """Replay parameters of GET /stories/{story} and /timeline."""

    version: Version | None = Field(
        None, ge=1, description="the state after the first N events; beyond the story's is 404"
    )
    as_of: DateOrTime | None = Field(None, description=AS_OF)
    basis: Literal["recorded", "occurred"] = Field(
        "recorded",
        description="with as_of: recorded (the default, echoed in the answer's `replay`) is what "
        "the store knew at that time; occurred is what had happened by then, as known now",
    )
    tz: ZoneName | None = Field(
        None, description="the IANA zone (e.g. Europe/Berlin) of an as_of without an offset"
    )
    min_position: Position | None = Field(None, description="wait until projected this far")

    @model_validator(mode="after")
    def _one_point(self) -> ReplayQuery:
        if self.version is not None and self.as_of is not None:
            raise ValueError("give version or as_of, not both")
        if self.as_of is not None:  # from here on, the UTC time it means
            self.as_of = replay_moment(self.as_of, self.tz)
        return self

    def moment(self) -> datetime | None:
        """Return the UTC time `as_of` means (a date: the end of that day), or None."""
        return self.as_of if isinstance(self.as_of, datetime) else None

    def arguments(self) -> dict[str, Any]:
        """Return the selectors' replay arguments: version, as_of in UTC, basis, min_position."""
        return {
            "version": self.version,
            "as_of": self.moment(),
            "basis": self.basis,
            "min_position": self.min_position,
        }


class StreamPageQuery(Schema):
    """GET /stories/{story}/events: the raw stream after a version."""

    after_version: AfterVersion = Field(
        0, description="the events after this version of the story (0: from the first)"
    )
    limit: Limit = Field(DEFAULT_LIMIT, description=LIMIT)


class ChangesQuery(Schema):
    """GET /stories/{story}/changes: since a time or since a version."""

    since: Moment | None = Field(
        None, description="the changes recorded after this time (UTC when it has no zone)"
    )
    since_version: Version | None = Field(
        None, description="the changes after this version of the story"
    )

    @model_validator(mode="after")
    def _one_point(self) -> ChangesQuery:
        if self.since is not None and self.since_version is not None:
            raise ValueError("give since or since_version, not both")
        return self


class ActorListQuery(Schema):
    """GET /actors: name or alias search, paging."""

    q: ShortText | None = Field(
        None, description="a name or alias, ignoring case and accents; none lists every actor"
    )
    limit: Limit = Field(DEFAULT_LIMIT, description=LIMIT)
    offset: Offset = Field(0, description=OFFSET)
