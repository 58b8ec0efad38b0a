"""Bodies of the write endpoints and what they answer."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field

from tracker.api.schemas import examples as example
from tracker.api.schemas.common import ShortText, Text
from tracker.api.schemas.examples import examples
from tracker.domain.bounds import CHANGED_FIELDS, LANGUAGE_LENGTH, LIST_ITEMS
from tracker.domain.fields import SourceIn


class StoryIn(Schema):
    """A new story: a title, optionally its slug, summary and language."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=examples(example.STORY))

    title: ShortText
    slug: ShortText | None = Field(
        None, max_length=80, description="lower-case words joined by hyphens"
    )
    summary: Text | None = None
    language: str | None = Field(
        None, max_length=LANGUAGE_LENGTH, description="e.g. en, de, ru, pt-BR"
    )


class StoryCreatedOut(Schema):
    """The story a POST /stories opened."""

    id: UUID
    slug: str
    version: int
    position: int


class RegisteredActorOut(Schema):
    """An actor a write registered for a name no actor had."""

    id: UUID
    name: str
    kind: str


class WriteOut(Schema):
    """The event a write appended (or, for a retried request, had appended)."""

    event_id: UUID
    story_id: UUID
    version: int
    position: int
    actors_registered: list[RegisteredActorOut] = Field(
        default_factory=list,
        description="actors the write registered in the same transaction, for names in it "
        "that no actor had",
    )


class CorrectionIn(Schema):
    """A correction of a development: the changed fields, why, and optionally the source."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=examples(example.CORRECTION))

    changes: dict[str, Any] = Field(
        max_length=CHANGED_FIELDS, description="the new values of the fields that change"
    )
    reason: ShortText
    source: SourceIn | None = None


class RetractionIn(Schema):
    """A retraction of a development: why, and optionally the source that says so."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=examples(example.RETRACTION))

    reason: ShortText
    source: SourceIn | None = None


class AliasIn(Schema):
    """Another name of an actor, optionally with its language."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=examples(example.ALIAS))

    name: ShortText
    language: str | None = Field(None, max_length=LANGUAGE_LENGTH)


class ActorIn(Schema):
    """A new actor: name, kind, optional aliases and description."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=examples(example.ACTOR))

    name: ShortText
    kind: Literal["person", "organization", "country", "place"]
    aliases: list[AliasIn] = Field(default_factory=list, max_length=LIST_ITEMS)
    description: Text | None = None
    wikidata: str | None = Field(None, pattern=r"^Q[1-9][0-9]{0,11}$", description="e.g. Q7747")


class MergeIn(Schema):
    """The actor another one is merged into."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=examples(example.MERGE))

    into: UUID


class ActorWriteOut(Schema):
    """The actor a write changed, and the event that recorded it."""

    id: UUID
    event_id: UUID
    version: int
    position: int
