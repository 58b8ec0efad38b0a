"""Atom feeds rendered from a story's fold: parsed by feedparser with no bozo error."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from typing import Any

import feedparser
from hypothesis import HealthCheck, given, settings

from tests.domain.generators import commands
from tests.exports.amended import amended_sample, export_of, generated
from tracker.exports import atom, feed_items
from tracker.exports.base import ExportInput

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
API = "http://tracker.example/api/v1/"


def page_of(story: ExportInput, items: list[feed_items.FeedItem] | None = None) -> atom.FeedPage:
    """Return a feed page of a story holding every one of its items."""
    return atom.FeedPage(
        feed_id=f"urn:uuid:{story.state.id}",
        title=story.document["title"],
        subtitle="Developments, corrections and retractions",
        self_url=f"{API}stories/{story.state.slug}/feed.atom",
        alternate_url=f"{API}stories/{story.state.slug}",
        api_url=API,
        items=feed_items.story_items(story) if items is None else items,
        language=story.document["language"],
    )


def parsed(page: atom.FeedPage) -> Any:
    """Return the feed as feedparser reads it, failing on any bozo (malformed) error."""
    feed = feedparser.parse(atom.render(page))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_amended_sample_feed_has_an_entry_per_development_and_amendment() -> None:
    """Twelve developments, a correction and a retraction make fourteen entries, newest
    first; amendments are titled as such, the retracted development is marked."""
    store, story_id, ids = amended_sample()
    story = export_of(store, story_id)
    feed = parsed(page_of(story))
    assert len(feed.entries) == 14
    positions = {str(e.event_id): e.position for e in story.events}
    entry_ids = [entry.id.removeprefix("urn:uuid:") for entry in feed.entries]
    assert entry_ids == sorted(entry_ids, key=positions.__getitem__, reverse=True)
    by_id = dict(zip(entry_ids, feed.entries, strict=True))
    assert by_id[str(ids["correction"])].title.startswith("Correction: Kirill Dmitrijew")
    assert "status: under_way → completed" in by_id[str(ids["correction"])].summary
    assert "Reason: The visit ended on 3 April" in by_id[str(ids["correction"])].summary
    assert by_id[str(ids["retraction"])].title.startswith("Retracted: Dmitrijew erkennt")
    assert by_id[str(ids["dmitrijew_gradual"])].title.startswith("[retracted] Dmitrijew")
    visit = by_id[str(ids["visit"])]
    assert visit.author == "Der Spiegel"
    assert {tag.term for tag in visit.tags} == {"development", "visit", story.state.slug}
    assert feed.feed.id == f"urn:uuid:{story_id}" and feed.feed.language == "de"


def test_entries_are_dated_when_the_store_recorded_them() -> None:
    """Each entry's updated time is its event's recorded_at; the feed's, the newest."""
    store, story_id, _ = amended_sample()
    story = export_of(store, story_id)
    feed = parsed(page_of(story))
    recorded = {f"urn:uuid:{e.event_id}": e.recorded_at for e in story.events}
    for entry in feed.entries:
        assert utc(entry.updated_parsed) == recorded[entry.id]
    newest = max(recorded[entry.id] for entry in feed.entries)
    assert utc(feed.feed.updated_parsed) == newest


def test_a_source_address_is_a_related_link_and_a_next_page_is_linked() -> None:
    """A correction's Reuters source is linked rel=related; a next page is linked rel=next."""
    store, story_id, ids = amended_sample()
    story = export_of(store, story_id)
    page = page_of(story)
    feed = parsed(atom.FeedPage(**{**_fields(page), "next_url": f"{API}feed.atom?before=5"}))
    (correction,) = [e for e in feed.entries if e.id == f"urn:uuid:{ids['correction']}"]
    related = [link.href for link in correction.links if link.rel == "related"]
    assert related == ["https://example.org/visit-ended"]
    assert [link.href for link in feed.feed.links if link.rel == "next"] == [
        f"{API}feed.atom?before=5"
    ]


def test_characters_xml_cannot_carry_are_dropped_not_fatal() -> None:
    """A summary holding control characters renders as valid Atom without them."""
    store, story_id, _ = amended_sample()
    story = export_of(store, story_id)
    first = feed_items.story_items(story)[0]
    odd = feed_items.FeedItem(
        **{**{f: getattr(first, f) for f in first.__slots__}, "summary": "a\x0bb\x1fc\ufffe"}
    )
    feed = parsed(page_of(story, [odd]))
    assert feed.entries[0].title == "abc"


def test_an_empty_feed_is_valid_atom() -> None:
    """A feed with no entry still parses, dated at the epoch rather than at a made-up now."""
    store, story_id, _ = amended_sample()
    feed = parsed(page_of(export_of(store, story_id), []))
    assert feed.entries == [] and feed.feed.updated.startswith("1970-01-01")


@SETTINGS
@given(commands)
def test_generated_stories_make_valid_feeds_with_every_entry(steps: Any) -> None:
    """For any generated story the feed parses without bozo errors and holds one entry per
    development, correction and retraction the fold kept, each once, newest first."""
    store, story_id = generated(steps)
    story = export_of(store, story_id)
    feed = parsed(page_of(story))
    expected = [
        e
        for item in story.timeline
        for e in [item["event_id"], *(h["event_id"] for h in item["history"])]
    ]
    assert sorted(entry.id for entry in feed.entries) == sorted(f"urn:uuid:{e}" for e in expected)
    positions = {f"urn:uuid:{e.event_id}": e.position for e in story.events}
    order = [positions[entry.id] for entry in feed.entries]
    assert order == sorted(order, reverse=True)


def utc(parsed: Any) -> datetime:
    """Return a time feedparser parsed (a UTC struct_time) as an aware datetime."""
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


def _fields(page: atom.FeedPage) -> dict[str, Any]:
    """Return the fields of a feed page, to build a changed copy."""
    return {name: getattr(page, name) for name in page.__slots__}
