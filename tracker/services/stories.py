"""Write services for stories: open, retitle, change status."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import uuid4

from tracker.domain import StoryAlreadyExists, decide_open_story, slugify
from tracker.domain import decide_change_story_status as _decide_status
from tracker.domain import decide_retitle_story as _decide_retitle
from tracker.eventstore import VersionConflict
from tracker.services import streams
from tracker.services.errors import SlugTaken
from tracker.services.results import WriteResult
from tracker.services.writes import Decision, story_write, write

SLUG_ATTEMPTS = 20


def story_open(
    *,
    title: str,
    slug: str | None = None,
    summary: str | None = None,
    language: str | None = None,
    recorded_by: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> WriteResult:
    """Open a story; without a slug one is made from the title (suffixed when taken)."""
    body = {"title": title, "slug": slug, "summary": summary, "language": language}
    candidates = [slug] if slug else _slug_candidates(title)
    for candidate in candidates:
        story_id = streams.story_id_for_slug(candidate)

        def decide(candidate: str = candidate, story_id: Any = story_id) -> Decision:
            if streams.story_exists(story_id):
                raise StoryAlreadyExists(f"slug {candidate!r} is taken")
            pending = decide_open_story(
                story=None,
                story_id=story_id,
                event_id=uuid4(),
                title=title,
                slug=candidate,
                summary=summary,
                language=language,
            )
            return pending, {}

        try:
            return write(
                operation="story_open",
                body=body,
                recorded_by=recorded_by,
                idempotency_key=idempotency_key,
                decide=decide,
                slug=candidate,
            )
        except (StoryAlreadyExists, VersionConflict):
            continue
    raise SlugTaken(f"the slug {candidates[0]!r} is taken; choose another slug")


def _slug_candidates(title: object) -> list[str]:
    base = (slugify(title) if isinstance(title, str) else "") or "story"
    return [base] + [f"{base}-{n}" for n in range(2, SLUG_ATTEMPTS + 1)]


def story_retitle(
    *,
    story: str,
    title: str,
    expected_version: int | None = None,
    recorded_by: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> WriteResult:
    """Give a story a new title."""
    return story_write(
        story=story,
        operation="story_retitle",
        fields={"title": title},
        decide=lambda state, _: _decide_retitle(story=state, event_id=uuid4(), title=title),
        expected_version=expected_version,
        recorded_by=recorded_by,
        idempotency_key=idempotency_key,
    )


def story_status_change(
    *,
    story: str,
    status: str,
    expected_version: int | None = None,
    recorded_by: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> WriteResult:
    """Mark a story developing, dormant or concluded."""
    return story_write(
        story=story,
        operation="story_status_change",
        fields={"status": status},
        decide=lambda state, _: _decide_status(story=state, event_id=uuid4(), status=status),
        expected_version=expected_version,
        recorded_by=recorded_by,
        idempotency_key=idempotency_key,
    )
