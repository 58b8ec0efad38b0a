"""Atom feeds: one story's developments, corrections and retractions, or every story's.

A story's feed folds its events (as the exports do); the feed of every story reads the
newest such events from the store, newest first, and renders each from the read models
(the development as it stands, its story's slug and title).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote
from uuid import UUID, uuid5

import orjson

from tracker.domain import DEVELOPMENT_TYPES, STORY_STREAM
from tracker.domain.event_types import DEVELOPMENT_CORRECTED, DEVELOPMENT_RETRACTED
from tracker.eventstore.positions import HORIZON
from tracker.exports import atom, feed_items
from tracker.services.exports import export_input
from tracker.services.selectors.documents import Run, django_run

#: The id of the feed of every story; never change it (feed readers key on it).
ALL_STORIES_FEED = uuid5(UUID("0d3b6f7e-58a4-5f0c-9b1e-7c2a4e6d8f10"), "feed/all-stories")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_AMENDMENTS = [DEVELOPMENT_CORRECTED, DEVELOPMENT_RETRACTED]
_UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
# The development an event is about: itself, or the target of a correction or retraction
# (a target that is not a UUID matches nothing rather than failing the cast).
_DEVELOPMENT = f"""CASE WHEN e.event_type = ANY(%(amendments)s::text[])
    THEN CASE WHEN e.data->>'target' ~ '{_UUID}' THEN (e.data->>'target')::uuid END
    ELSE e.event_id END"""
NEWEST_SQL = f"""SELECT e.event_id::text, e.position, e.recorded_at, s.slug, s.title, d.view
FROM events e
JOIN projections_developmentview d ON d.event_id = {_DEVELOPMENT}
JOIN projections_storyview s ON s.story_id = e.stream_id
WHERE e.stream_type = %(stream_type)s AND e.event_type = ANY(%(types)s::text[])
  AND e.position < {HORIZON} AND e.position < %(before)s::bigint
ORDER BY e.position DESC LIMIT %(limit)s::bigint"""


@dataclass(frozen=True, slots=True)
class Feed:
    """A rendered feed page: its bytes and when its newest entry was recorded."""

    body: bytes
    modified: datetime | None


def story_feed(*, story: str, api_url: str, limit: int, before: int | None) -> Feed:
    """Return the Atom feed of one story: a page of its entries, newest first."""
    found = export_input(story)
    items = [i for i in feed_items.story_items(found) if before is None or i.position < before]
    slug, doc = quote(found.state.slug or story), found.document
    page_url = f"{api_url}stories/{slug}/feed.atom"
    page = atom.FeedPage(
        feed_id=f"urn:uuid:{found.state.id}",
        title=doc["title"] or slug,
        subtitle=doc["summary"] or "Developments, corrections and retractions",
        self_url=_page(page_url, limit, before),
        alternate_url=f"{api_url}stories/{slug}",
        api_url=api_url,
        items=items[:limit],
        next_url=_next(page_url, limit, items),
        language=doc["language"],
        updated=found.state.opened_at,
    )
    return Feed(atom.render(page), _newest(page.items))


def all_stories_feed(
    *, api_url: str, limit: int, before: int | None, run: Run = django_run
) -> Feed:
    """Return the Atom feed of every story: a page of the newest entries across stories."""
    items = newest_items(limit=limit + 1, before=before, run=run)
    page_url = f"{api_url}feed.atom"
    page = atom.FeedPage(
        feed_id=f"urn:uuid:{ALL_STORIES_FEED}",
        title="News tracker: every story",
        subtitle="Developments, corrections and retractions of every story, newest first",
        self_url=_page(page_url, limit, before),
        alternate_url=f"{api_url}stories",
        api_url=api_url,
        items=items[:limit],
        next_url=_next(page_url, limit, items),
    )
    return Feed(atom.render(page), _newest(page.items))


def newest_items(
    *, limit: int, before: int | None, run: Run = django_run
) -> list[feed_items.FeedItem]:
    """Return the newest feed items of every story before a position, newest first."""
    params = {
        "amendments": _AMENDMENTS,
        "stream_type": STORY_STREAM,
        "types": [*DEVELOPMENT_TYPES, *_AMENDMENTS],
        "before": before if before is not None else 2**63 - 1,
        "limit": limit,
    }
    out = []
    for event_id, position, recorded_at, slug, title, view in run(NEWEST_SQL, params):
        entry = orjson.loads(view)
        positions = {event_id: (position, recorded_at)}
        out.extend(feed_items.entry_items(entry, slug, title, positions))
    return out


def _page(url: str, limit: int, before: int | None) -> str:
    """Return the address of a page of a feed."""
    query = f"?limit={limit}" + (f"&before={before}" if before is not None else "")
    return url + query


def _next(url: str, limit: int, items: list[feed_items.FeedItem]) -> str | None:
    """Return the address of the next (older) page, or None when this page is the last."""
    if len(items) <= limit:
        return None
    return _page(url, limit, items[limit - 1].position)


def _newest(items: Sequence[feed_items.FeedItem]) -> datetime | None:
    """Return when the newest item was recorded."""
    return max((item.recorded_at for item in items), default=None)
