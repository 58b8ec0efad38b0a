"""Story lifecycle decisions and the errors they refuse with."""

from __future__ import annotations

import pytest

from tests.domain.conftest import World
from tests.domain.support import new_id
from tracker.domain import (
    NothingToChange,
    StoryAlreadyExists,
    StoryNotFound,
    StoryState,
    ValidationFailed,
    decide_change_story_status,
    decide_open_story,
    decide_retitle_story,
)


def test_open_story_derives_a_slug_from_the_title() -> None:
    """Without a slug the title gives one; the event goes to the story's own stream."""
    story_id = new_id("s")
    (event,) = decide_open_story(
        story=None, story_id=story_id, event_id=new_id("e"), title="US-Russia: sanctions talks"
    )
    assert event.event_type == "story_opened"
    assert event.stream_id == story_id and event.stream_type == "story"
    assert event.data["slug"] == "us-russia-sanctions-talks"


def test_opening_an_open_story_is_refused(world: World) -> None:
    """A story is opened once."""
    with pytest.raises(StoryAlreadyExists) as caught:
        decide_open_story(
            story=world.store.story(world.story_id),
            story_id=world.story_id,
            event_id=new_id("again"),
            title="Again",
        )
    assert caught.value.code == "story_exists" and caught.value.category == "conflict"


def test_open_story_validates_title_slug_and_language() -> None:
    """An empty title, a slug with capitals or a bad language code are refused by field."""
    with pytest.raises(ValidationFailed) as caught:
        decide_open_story(
            story=None,
            story_id=new_id("s"),
            event_id=new_id("e"),
            title=" ",
            slug="Bad Slug",
            language="Deutsch",
        )
    fields = {e["field"] for e in caught.value.errors}
    assert fields == {"title", "slug", "language"}
    assert "us-russia-sanctions-talks" in caught.value.message or "bad-slug" in caught.value.message


@pytest.mark.parametrize("story", [None, StoryState()])
def test_retitling_or_changing_status_of_a_missing_story_is_refused(
    story: StoryState | None,
) -> None:
    """Decisions on a story that was never opened raise StoryNotFound."""
    with pytest.raises(StoryNotFound) as caught:
        decide_retitle_story(story=story, event_id=new_id("e"), title="New")
    assert caught.value.code == "story_not_found" and caught.value.category == "not_found"
    with pytest.raises(StoryNotFound):
        decide_change_story_status(story=story, event_id=new_id("e"), status="dormant")


def test_retitle_and_status_change(world: World) -> None:
    """A new title and a new status are events; the same ones again are refused."""
    store = world.store
    store.append(
        decide_retitle_story(story=store.story(world.story_id), event_id=new_id("t"), title="New")
    )
    store.append(
        decide_change_story_status(
            story=store.story(world.story_id), event_id=new_id("st"), status="dormant"
        )
    )
    state = store.story(world.story_id)
    assert (state.title, state.status) == ("New", "dormant")
    with pytest.raises(NothingToChange):
        decide_retitle_story(story=state, event_id=new_id("t2"), title="New")
    with pytest.raises(NothingToChange):
        decide_change_story_status(story=state, event_id=new_id("s2"), status="dormant")
    with pytest.raises(ValidationFailed, match="status: must be one of"):
        decide_change_story_status(story=state, event_id=new_id("s3"), status="closed")
