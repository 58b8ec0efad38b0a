"""What the backoffice pages read: each composes the services' selectors for one page."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from tracker.backoffice.charts import figure_charts
from tracker.backoffice.presenters import reference_label, timeline_entries
from tracker.backoffice.sources import sources_by_outlet
from tracker.backoffice.timeline_sections import timeline_sections
from tracker.domain import normalize_name
from tracker.services.errors import NotFound
from tracker.services.selectors import actor_get, actor_list, story_events, story_get
from tracker.services.selectors import story_timeline as _timeline

CHANGES_SHOWN = 50


def story_page(
    *,
    story: str,
    version: int | None = None,
    as_of: datetime | None = None,
    basis: str = "recorded",
) -> dict[str, Any]:
    """Return a story now, or replayed at a version or time, with its timeline and charts."""
    live = story_get(story=story)
    replaying = version is not None or as_of is not None
    state = story_get(story=story, version=version, as_of=as_of, basis=basis) if replaying else live
    timeline = timeline_entries(_timeline(story=story, version=version, as_of=as_of, basis=basis))
    return {
        "story": state,
        "live_version": live["version"],
        "replay": {"version": version, "as_of": as_of, "basis": basis} if replaying else None,
        "timeline": timeline,
        "sections": timeline_sections(timeline),
        "sources": sources_by_outlet(state.get("sources") or []),
        "charts": figure_charts(state.get("figures") or []),
    }


def record_context(*, story: str) -> dict[str, Any]:
    """Return the story as it is now and the developments a new one may point at."""
    state = story_get(story=story)
    timeline = _timeline(story=story)
    return {"story": state, "references": _references(timeline)}


def development_context(*, story: str, event_id: UUID) -> dict[str, Any]:
    """Return the story now and one of its developments (for a correction or retraction)."""
    state = story_get(story=story)
    timeline = _timeline(story=story)
    found = next((view for view in timeline if view["event_id"] == str(event_id)), None)
    if found is None:
        raise NotFound(f"no development {event_id} in story {story}")
    return {"story": state, "development": found, "references": _references(timeline)}


def story_changes_since(*, story: str, version: int) -> list[dict[str, Any]]:
    """Return who recorded what in a story after a version, oldest first."""
    events = story_events(story=story, after_version=version, limit=CHANGES_SHOWN)["items"]
    return [
        {
            "version": event["version"],
            "type": event["type"],
            "summary": _summary(event["data"]),
            "who": _who(event["metadata"].get("recorded_by") or {}),
            "recorded_at": event["recorded_at"],
        }
        for event in events
    ]


def actor_suggestions(*, q: str, limit: int = 10) -> list[dict[str, Any]]:
    """Return actors whose name or an alias contains `q`, with the spelling that matched."""
    wanted = normalize_name(q)
    if not wanted:
        return []
    found = actor_list(q=q, limit=limit)["items"]
    return [{**actor, "match": _spelling(actor, wanted)} for actor in found]


def merge_preview(*, actor_id: UUID, into: UUID) -> dict[str, Any]:
    """Return both actors, the stories that will show the merged one as the other, the names."""
    merged, target = actor_get(actor_id=actor_id), actor_get(actor_id=into)
    names = [merged["name"], *(alias["name"] for alias in merged["aliases"])]
    target_slugs = {story["slug"] for story in target["stories"]}
    return {
        "actor": merged,
        "into": target,
        "same": merged["id"] == target["id"],
        "names": names,
        "stories": [
            {**story, "shared": story["slug"] in target_slugs} for story in merged["stories"]
        ],
    }


def _references(timeline: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (view["event_id"], reference_label(view))
        for view in timeline
        if view.get("status") != "retracted"
    ]


def _spelling(actor: dict[str, Any], wanted: str) -> str:
    for name in [actor["name"], *(alias["name"] for alias in actor.get("aliases") or [])]:
        if wanted in normalize_name(name):
            return str(name)
    return str(actor["name"])


def _summary(data: dict[str, Any]) -> str:
    text = data.get("summary") or data.get("reason") or data.get("title") or data.get("status")
    return str(text or "")


def _who(recorded_by: dict[str, Any]) -> str:
    return str(recorded_by.get("username") or recorded_by.get("name") or "someone unknown")
