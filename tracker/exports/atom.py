"""Atom feeds (RFC 4287) of developments, corrections and retractions, newest first.

`render` writes a page of feed items (`feed_items`) as Atom with feedgen: entry ids are
the events' URNs, `updated` when the store recorded them, the author the outlet that
reported a development, the category its type, `related` links its source's address.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import orjson
from feedgen.ext.base import BaseEntryExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from tracker.domain.state import RETRACTED
from tracker.exports import linked
from tracker.exports.feed_items import CORRECTION, DEVELOPMENT, RETRACTION, FeedItem

CONTENT_TYPE = "application/atom+xml; charset=utf-8"
FEED_AUTHOR = "News tracker"
#: When a feed with no entry was last updated: no time is better than a made-up "now".
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

#: Characters XML 1.0 does not allow.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class FeedPage:
    """What a feed says of itself: id, title, links, language, and its items (newest first).

    `api_url` is the API's base address (ending in /): each entry links its story there.
    """

    feed_id: str
    title: str
    subtitle: str
    self_url: str
    alternate_url: str
    api_url: str
    items: Sequence[FeedItem]
    next_url: str | None = None
    language: str | None = None
    updated: datetime | None = None


def render(page: FeedPage) -> bytes:
    """Return a page of a feed as Atom XML (UTF-8)."""
    feed = FeedGenerator()
    feed.id(page.feed_id)
    feed.title(xml_text(page.title))
    feed.subtitle(xml_text(page.subtitle))
    feed.author({"name": FEED_AUTHOR})
    feed.link(href=page.self_url, rel="self", type="application/atom+xml")
    feed.link(href=page.alternate_url, rel="alternate", type="application/json")
    if page.next_url:
        feed.link(href=page.next_url, rel="next", type="application/atom+xml")
    if page.language:
        feed.language(page.language)
    newest = max((item.recorded_at for item in page.items), default=None)
    feed.updated(newest or page.updated or EPOCH)
    for item in page.items:
        _entry(feed, item, f"{page.api_url}stories/{quote(item.story_slug)}")
    body: bytes = feed.atom_str(pretty=True)
    return body


def _entry(feed: FeedGenerator, item: FeedItem, alternate: str) -> None:
    """Add one item as an entry at the end of the feed."""
    entry = feed.add_entry(order="append")
    entry.id(linked.iri(item.event_id))
    entry.title(xml_text(title(item)))
    entry.updated(item.recorded_at)
    entry.published(item.recorded_at)
    entry.content(xml_text(content(item)), type="text")
    entry.register_extension(_LINKS, EntryLinks, atom=True, rss=False)
    links: list[dict[str, str]] = getattr(entry, _LINKS).links
    links.append({"href": alternate, "rel": "alternate", "type": "application/json"})
    address = linked.web_address((item.source or {}).get("url"))
    if address:
        links.append({"href": address, "rel": "related", "type": "text/html"})
    outlet = (item.source or {}).get("outlet")
    if outlet:
        entry.author({"name": xml_text(str(outlet))})
    entry.category(term=item.kind, label=item.kind)
    entry.category(term=item.development_type, label=item.development_type)
    if item.story_slug:
        entry.category(term=item.story_slug, label=xml_text(item.story_title))


class EntryLinks(BaseEntryExtension):
    """An entry's links with their rel and type: feedgen 1.0 writes an entry link's href only."""

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry: Any) -> Any:
        """Add a link element per link to the entry's XML."""
        for attributes in self.links:
            xml_elem("link", entry, **attributes)
        return entry


_LINKS = "tracker_links"


def title(item: FeedItem) -> str:
    """Return an entry's title: the development's summary, marked when corrected or retracted."""
    if item.kind == CORRECTION:
        return f"Correction: {item.summary}"
    if item.kind == RETRACTION:
        return f"Retracted: {item.summary}"
    if item.status == RETRACTED:
        return f"[retracted] {item.summary}"
    return item.summary


def content(item: FeedItem) -> str:
    """Return an entry's text: what happened and where it was reported, or what changed and why."""
    lines = [f"{item.story_title}: {item.development_type}"]
    if item.kind == DEVELOPMENT:
        lines.append(item.summary)
        if item.occurred:
            lines.append(f"Happened: {item.occurred}")
    for name, change in item.changes.items():
        lines.append(f"{name}: {shown(change.get('old'))} → {shown(change.get('new'))}")
    if item.reason:
        lines.append(f"Reason: {item.reason}")
    source = item.source or {}
    if source.get("outlet"):
        where = " ".join(str(part) for part in (source.get("outlet"), source.get("url")) if part)
        lines.append(f"Source: {where}")
    return "\n".join(lines)


def shown(value: Any) -> str:
    """Return a field's value as an entry shows it."""
    if value is None:
        return "(none)"
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def xml_text(text: str) -> str:
    """Return text without the characters XML 1.0 cannot carry (control characters)."""
    return _NOT_XML.sub("", text)
