"""Input schemas of story lifecycle, correction and actor events."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AfterValidator, Field, StringConstraints, field_validator

from tracker.domain import bounds
from tracker.domain.fields import (
    ActorKind,
    Items,
    Language,
    LongText,
    Name,
    Payload,
    SourceIn,
    Text,
)
from tracker.domain.names import slugify

StoryStatus = Literal["developing", "dormant", "concluded"]


def _slug(value: str) -> str:
    if slugify(value) != value:
        raise ValueError(
            f"{value!r} is not a slug; use lower-case words joined by hyphens, "
            f"like {slugify(value) or 'us-russia-sanctions-talks'!r}"
        )
    return value


Slug = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=80), AfterValidator(_slug)
]
Wikidata = Annotated[
    str, Field(pattern=r"^Q[1-9][0-9]{0,11}$", description="Wikidata id, e.g. Q7747")
]


class StoryOpenedIn(Payload):
    """Open a story: a title, and optionally a slug (derived from the title), summary, language."""

    title: Text
    slug: Slug | None = None
    summary: LongText | None = None
    language: Language | None = None


class StoryRetitledIn(Payload):
    """Give a story a new title."""

    title: Text


class StoryStatusChangedIn(Payload):
    """Mark a story developing, dormant or concluded."""

    status: StoryStatus
    reason: Text | None = None


class CorrectionIn(Payload):
    """Correct fields of a development: `changes` holds the new values."""

    target: UUID
    changes: dict[str, Any] = Field(max_length=bounds.CHANGED_FIELDS)
    reason: Text
    source: SourceIn | None = None

    @field_validator("changes")
    @classmethod
    def _not_empty(cls, value: dict[str, Any]) -> dict[str, Any]:
        if not value:
            raise ValueError("name at least one field to change")
        return value


class RetractionIn(Payload):
    """Retract a development: it leaves the state but stays in the timeline."""

    target: UUID
    reason: Text
    source: SourceIn | None = None


class AliasIn(Payload):
    """Another name of an actor, with the language it is written in."""

    name: Name
    language: Language | None = None


class ActorRegisteredIn(Payload):
    """Register an actor: a person, organization, country or place."""

    name: Name
    kind: ActorKind
    aliases: Annotated[list[AliasIn], Items] = []
    description: LongText | None = None
    wikidata: Wikidata | None = None


class ActorMergedIn(Payload):
    """Merge an actor into another one."""

    into: UUID
