"""GET /stories/{story}/feed.atom and /feed.atom: valid Atom, pages, ETag and 304, errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

import feedparser
import pytest
from django.test import Client

from tests.domain.generators import development
from tracker.domain import DEVELOPMENT_TYPES
from tracker.exports import atom
from tracker.services.developments import (
    development_correct,
    development_record,
    development_retract,
)
from tracker.services.stories import story_open

pytestmark = pytest.mark.django_db(transaction=True)

API = "/api/v1"
EDITOR = {"kind": "user", "username": "anna", "id": 7}


@dataclass
class Story:
    """A fresh story of ten developments: its slug and their event ids, oldest first."""

    slug: str
    developments: list[UUID]


@pytest.fixture
def story() -> Story:
    """Open a story of its own (the store outlives each test) and record ten developments."""
    slug = f"feed-{uuid4().hex[:10]}"
    story_open(title="Feeds", slug=slug, language="en")
    ids = []
    for b in range(10):
        body = development(DEVELOPMENT_TYPES[b % len(DEVELOPMENT_TYPES)], b, [])
        ids.append(development_record(story=slug, development=body, recorded_by=EDITOR).event_id)
    return Story(slug, ids)


def feed_of(client: Client, path: str) -> Any:
    """GET a feed; check it is Atom by its media type and parses with no bozo error."""
    response = client.get(path)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == atom.CONTENT_TYPE
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def next_link(feed: Any) -> str | None:
    """Return the path of the feed's next page, or None."""
    found = [link.href for link in feed.feed.links if link.rel == "next"]
    return found[0].removeprefix("http://testserver") if found else None


def test_the_story_feed_has_an_entry_per_development(client: Client, story: Story) -> None:
    """A story's feed is valid Atom with its ten developments, newest first, linked to itself."""
    feed = feed_of(client, f"{API}/stories/{story.slug}/feed.atom")
    assert [entry.id for entry in feed.entries] == [
        f"urn:uuid:{e}" for e in reversed(story.developments)
    ]
    (self_link,) = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_link == f"http://testserver{API}/stories/{story.slug}/feed.atom?limit=50"
    assert next_link(feed) is None


def test_pages_follow_each_other_newest_first_without_repeats(client: Client, story: Story) -> None:
    """limit=4 gives pages of 4, 4 and 2 entries linked by rel=next: all ten, each once."""
    path: str | None = f"{API}/stories/{story.slug}/feed.atom?limit=4"
    pages = []
    while path is not None:
        feed = feed_of(client, path)
        pages.append([entry.id for entry in feed.entries])
        path = next_link(feed)
    assert [len(page) for page in pages] == [4, 4, 2]
    seen = [entry for page in pages for entry in page]
    assert seen == [f"urn:uuid:{e}" for e in reversed(story.developments)]


def test_corrections_and_retractions_lead_both_feeds(client: Client, story: Story) -> None:
    """A correction, then a retraction: each feed's newest entries are the retraction and
    the correction, titled as such; the story feed now has twelve entries."""
    corrected = development_correct(
        story=story.slug,
        target=story.developments[0],
        changes={"summary": "Corrected summary"},
        reason="A typo",
        recorded_by=EDITOR,
    )
    retracted = development_retract(
        story=story.slug, target=story.developments[1], reason="Wrong", recorded_by=EDITOR
    )
    for path in (f"{API}/stories/{story.slug}/feed.atom", f"{API}/feed.atom"):
        feed = feed_of(client, path)
        first, second = feed.entries[:2]
        assert first.id == f"urn:uuid:{retracted.event_id}"
        assert first.title.startswith("Retracted: ")
        assert second.id == f"urn:uuid:{corrected.event_id}"
        assert second.title == "Correction: Corrected summary"
        assert "summary: " in second.summary and "→ Corrected summary" in second.summary
    assert len(feed_of(client, f"{API}/stories/{story.slug}/feed.atom").entries) == 12


def test_the_feed_of_every_story_pages_through_them(client: Client, story: Story) -> None:
    """The global feed starts with the newest story's developments; pages of 3 linked by
    rel=next give them each once, newest first, then go on to older stories' entries."""
    mine = [f"urn:uuid:{e}" for e in reversed(story.developments)]
    path: str | None = f"{API}/feed.atom?limit=3"
    seen: list[str] = []
    while path is not None and len(seen) < len(mine):
        feed = feed_of(client, path)
        assert len(feed.entries) == 3 or next_link(feed) is None
        seen += [entry.id for entry in feed.entries]
        path = next_link(feed)
    assert seen[: len(mine)] == mine
    assert len(set(seen)) == len(seen)


def test_a_page_before_the_first_event_is_empty_and_valid(client: Client) -> None:
    """Before position 1 there is nothing: a valid feed with no entry and no next page."""
    feed = feed_of(client, f"{API}/feed.atom?before=1")
    assert feed.entries == [] and next_link(feed) is None


@pytest.mark.parametrize("where", ["story", "all"])
def test_feeds_answer_304_to_their_etag(client: Client, story: Story, where: str) -> None:
    """A feed carries a strong ETag; sending it back answers 304 with no body."""
    path = f"{API}/stories/{story.slug}/feed.atom" if where == "story" else f"{API}/feed.atom"
    response = client.get(path)
    etag = response["ETag"]
    assert etag.startswith('"') and "Last-Modified" in response
    again = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=201", "before=0", "limit=x", "before=-1", "before=99999999999999999999"],
)
def test_bad_paging_parameters_are_a_422(client: Client, story: Story, query: str) -> None:
    """Out-of-range or malformed limit and before answer 422 in the JSON error shape."""
    for path in (f"{API}/feed.atom?{query}", f"{API}/stories/{story.slug}/feed.atom?{query}"):
        response = client.get(path)
        assert response.status_code == 422, path
        assert {"code", "detail"} <= set(response.json())


def test_an_unknown_story_has_no_feed(client: Client) -> None:
    """A story that does not exist answers 404 not_found in the JSON shape."""
    response = client.get(f"{API}/stories/no-such-story/feed.atom")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
