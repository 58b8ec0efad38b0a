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


class FeedQuery(Schema):
    """GET /events: where to start, how many, which event and stream types."""

    after: Position = 0
    limit: Limit = DEFAULT_LIMIT
    type: list[TypeName] = Field(default_factory=list, max_length=50)
    stream_type: list[TypeName] = Field(default_factory=list, max_length=10)


class StreamQuery(Schema):
    """GET /events/stream: where to start (Last-Event-ID wins), which types."""

    after: Position | None = None
    type: list[TypeName] = Field(default_factory=list, max_length=50)
    stream_type: list[TypeName] = Field(default_factory=list, max_length=10)


class StoryListQuery(Schema):
    """GET /stories: full-text search, actor, status, paging."""

    q: ShortText | None = None
    actor: ShortText | None = None
    status: ShortText | None = None
    limit: Limit = DEFAULT_LIMIT
    offset: Offset = 0


class ReplayQuery(Schema):
    """Replay parameters of GET /stories/{story} and /timeline."""

    version: Version | None = Field(None, ge=1, description="the state after the first N events")
    as_of: Moment | None = Field(None, description="a time; see basis")
    basis: Literal["recorded", "occurred"] = "recorded"
    min_position: Position | None = Field(None, description="wait until projected this far")

    @model_validator(mode="after")
    def _one_point(self) -> ReplayQuery:
        if self.version is not None and self.as_of is not None:
            raise ValueError("give version or as_of, not both")
        return self


class StreamPageQuery(Schema):
    """GET /stories/{story}/events: the raw stream after a version."""

    after_version: AfterVersion = 0
    limit: Limit = DEFAULT_LIMIT


class ChangesQuery(Schema):
    """GET /stories/{story}/changes: since a time or since a version."""

    since: Moment | None = None
    since_version: Version | None = None

    @model_validator(mode="after")
    def _one_point(self) -> ChangesQuery:
        if self.since is not None and self.since_version is not None:
            raise ValueError("give since or since_version, not both")
        return self


class ActorListQuery(Schema):
    """GET /actors: name or alias search, paging."""

    q: ShortText | None = None
    limit: Limit = DEFAULT_LIMIT
    offset: Offset = 0
