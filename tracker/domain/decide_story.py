"""Decisions on a story's lifecycle: open it, retitle it, change its status."""

from __future__ import annotations

from uuid import UUID

from tracker.domain.envelope import STORY_STREAM, PendingEvent
from tracker.domain.errors import NothingToChange, StoryAlreadyExists
from tracker.domain.event_types import (
    STORY_OPENED,
    STORY_RETITLED,
    STORY_STATUS_CHANGED,
    schema_version_of,
)
from tracker.domain.lifecycle import StoryOpenedIn, StoryRetitledIn, StoryStatusChangedIn
from tracker.domain.names import slugify
from tracker.domain.references import require_story
from tracker.domain.state import StoryState
from tracker.domain.validation import validate


def _story_event(
    story_id: UUID, event_id: UUID, event_type: str, data: dict[str, object]
) -> PendingEvent:
    return PendingEvent(
        stream_id=story_id,
        stream_type=STORY_STREAM,
        event_id=event_id,
        event_type=event_type,
        data=data,
        schema_version=schema_version_of(event_type),
    )


def decide_open_story(
    *,
    story: StoryState | None,
    story_id: UUID,
    event_id: UUID,
    title: object,
    slug: object = None,
    summary: object = None,
    language: object = None,
) -> list[PendingEvent]:
    """Open a story; the slug defaults to one made from the title."""
    if story is not None and story.opened:
        raise StoryAlreadyExists(f"story {story_id} is already open (slug {story.slug!r})")
    body = validate(
        StoryOpenedIn, {"title": title, "slug": slug, "summary": summary, "language": language}
    )
    data = body.model_dump(mode="json")
    data["slug"] = body.slug or slugify(body.title) or str(story_id)
    return [_story_event(story_id, event_id, STORY_OPENED, data)]


def decide_retitle_story(
    *, story: StoryState | None, event_id: UUID, title: object
) -> list[PendingEvent]:
    """Give the story a new title (the slug stays, so links keep working)."""
    current = require_story(story)
    body = validate(StoryRetitledIn, {"title": title})
    if body.title == current.title:
        raise NothingToChange(f"the story is already titled {body.title!r}")
    assert current.id is not None
    return [_story_event(current.id, event_id, STORY_RETITLED, body.model_dump(mode="json"))]


def decide_change_story_status(
    *, story: StoryState | None, event_id: UUID, status: object, reason: object = None
) -> list[PendingEvent]:
    """Mark the story developing, dormant or concluded."""
    current = require_story(story)
    body = validate(StoryStatusChangedIn, {"status": status, "reason": reason})
    if body.status == current.status:
        raise NothingToChange(f"the story is already {body.status}")
    assert current.id is not None
    data = body.model_dump(mode="json", exclude_none=True)
    return [_story_event(current.id, event_id, STORY_STATUS_CHANGED, data)]
