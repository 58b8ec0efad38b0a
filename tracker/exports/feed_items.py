"""The entries of a feed: each event that recorded, corrected or retracted a development.

`story_items` takes them from a story's fold; the feed of every story builds each from the
development's view in the read models with `entry_items`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tracker.exports import linked
from tracker.exports.base import ExportInput

#: Entry kinds: a development recorded, a correction of one, a retraction of one.
DEVELOPMENT, CORRECTION, RETRACTION = "development", "correction", "retraction"


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry: an event that recorded, corrected or retracted a development."""

    event_id: str
    kind: str
    position: int
    recorded_at: datetime
    story_slug: str
    story_title: str
    development_id: str
    development_type: str
    summary: str
    status: str
    source: dict[str, Any] | None = None
    occurred: str | None = None
    reason: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)


def story_items(story: ExportInput) -> list[FeedItem]:
    """Return every feed item of a story's fold, newest first (by position)."""
    positions = {str(e.event_id): (e.position, e.recorded_at) for e in story.events}
    slug, title = story.document["slug"] or "", story.document["title"] or ""
    items = [
        item for entry in story.timeline for item in entry_items(entry, slug, title, positions)
    ]
    items.sort(key=lambda item: item.position, reverse=True)
    return items


def entry_items(
    entry: dict[str, Any],
    slug: str,
    title: str,
    positions: Mapping[str, tuple[int, datetime]],
) -> list[FeedItem]:
    """Return the items of one development (a timeline entry): its recording, its amendments.

    Only events named in `positions` (event id -> position, recorded_at) become items.
    """
    precise = linked.partial_time(entry["occurred_at"], entry["occurred_precision"])
    made: list[tuple[str, str, dict[str, Any]]] = [
        (entry["event_id"], DEVELOPMENT, {"source": entry.get("source")})
    ]
    made += [(h["event_id"], h["kind"], h) for h in entry["history"]]
    items = []
    for event_id, kind, fields in made:
        if event_id not in positions:
            continue
        position, recorded_at = positions[event_id]
        items.append(
            FeedItem(
                event_id=event_id,
                kind=kind,
                position=position,
                recorded_at=recorded_at,
                story_slug=slug,
                story_title=title,
                development_id=entry["event_id"],
                development_type=entry["type"],
                summary=entry["summary"] or entry["type"],
                status=entry["status"],
                source=_source(fields.get("source")),
                occurred=precise["@value"] if precise and kind == DEVELOPMENT else None,
                reason=fields.get("reason"),
                changes=fields.get("changes") or {},
            )
        )
    return items


def _source(source: Any) -> dict[str, Any] | None:
    """Return a stored source as a mapping, or None."""
    return source if isinstance(source, dict) else None
