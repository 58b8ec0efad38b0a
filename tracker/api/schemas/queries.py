"""Query-string parameters of the read endpoints, validated before any query runs."""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import Field, model_validator

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

LIMIT = "how many items at most (1 to 1000)"
OFFSET = "how many matching items to skip"
AFTER = "the events after this position (0: from the first); positions are sparse"
TYPES = "only events of these types (repeat the parameter for several)"
STREAM_TYPES = "only events of these stream types: story, actor (repeat for several)"


class FeedQuery(Schema):
    """GET /events: where to start, how many, which event and stream types."""

    after: Position = Field(0, description=AFTER)
    limit: Limit = Field(DEFAULT_LIMIT, description=LIMIT)
    type: list[TypeName] = Field(default_factory=list, max_length=50, description=TYPES)
    stream_type: list[TypeName] = Field(
        default_factory=list, max_length=10, description=STREAM_TYPES
    )


class StreamQuery(Schema):
    """GET /events/stream: where to start (Last-Event-ID wins), which types."""

    after: Position | None = Field(None, description=AFTER + "; Last-Event-ID wins over it")
    type: list[TypeName] = Field(default_factory=list, max_length=50, description=TYPES)
    stream_type: list[TypeName] = Field(
        default_factory=list, max_length=10, description=STREAM_TYPES
    )


class StoryListQuery(Schema):
    """GET /stories: full-text search, actor, status, paging."""

    q: ShortText | None = Field(
        None,
        description="full-text search of titles, summaries and developments "
        "(German and English stemming)",
    )
    actor: ShortText | None = Field(
        None, description="stories involving this actor: its id, its name or one of its aliases"
    )
    status: ShortText | None = Field(
        None, description="the story's status: developing, dormant or concluded"
    )
    limit: Limit = Field(DEFAULT_LIMIT, description=LIMIT)
    offset: Offset = Field(0, description=OFFSET)


class ReplayQuery(Schema):
    """Replay parameters of GET /stories/{story} and /timeline."""

    version: Version | None = Field(None, ge=1, description="the state after the first N events")
    as_of: Moment | None = Field(None, description="a time; see basis")
    basis: Literal["recorded", "occurred"] = Field(
        "recorded",
        description="with as_of: recorded (the default) is what the store knew at that time; "
        "occurred is what had happened by then, as known now",
    )
    min_position: Position | None = Field(None, description="wait until projected this far")

    @model_validator(mode="after")
    def _one_point(self) -> ReplayQuery:
        if self.version is not None and self.as_of is not None:
            raise ValueError("give version or as_of, not both")
        return self


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
