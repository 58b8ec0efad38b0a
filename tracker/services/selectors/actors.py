"""Read actors: search across names and aliases, and one actor with its stories."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tracker.dbrouting import replica_read
from tracker.domain import normalize_name
from tracker.projections.models import ActorName, ActorView, Involvement, StoryView
from tracker.services.errors import NotFound

MERGE_HOPS = 20


@replica_read
def actor_list(*, q: str | None = None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """Return actors (not merged away) whose name or alias contains the query."""
    actors = ActorView.objects.filter(merged_into__isnull=True)
    if q:
        matching = ActorName.objects.filter(normalized__contains=normalize_name(q))
        actors = actors.filter(actor_id__in=matching.values("actor_id").distinct())
    count = actors.count()
    page = actors.order_by("name", "actor_id")[offset : offset + limit]
    return {"items": [_actor(view) for view in page], "count": count}


@replica_read
def actor_get(*, actor_id: UUID) -> dict[str, Any]:
    """Return an actor (a merged one answers as the actor it joined) and its stories."""
    view = _canonical(actor_id)
    stories = {s.story_id: s for s in StoryView.objects.filter(
        story_id__in=Involvement.objects.filter(actor_id=view.actor_id).values("story_id")
    )}  # fmt: skip
    involvement = []
    for row in Involvement.objects.filter(actor_id=view.actor_id).order_by("story_id"):
        story = stories.get(row.story_id)
        if story is None:
            continue
        entry: dict[str, Any] = next(
            (a for a in story.document.get("actors", []) if a["id"] == str(view.actor_id)), {}
        )
        involvement.append(
            {
                "id": str(story.story_id),
                "slug": story.slug,
                "title": story.title,
                "roles": row.roles,
                "developments": entry.get("developments", []),
                "names_as_stated": entry.get("names_as_stated", []),
            }
        )
    merged = ActorView.objects.filter(merged_into=view.actor_id).values_list("actor_id", flat=True)
    return {
        **_actor(view),
        "description": view.description,
        "merged_from": [str(other) for other in merged],
        "stories": involvement,
    }


def _canonical(actor_id: UUID) -> ActorView:
    view = ActorView.objects.filter(actor_id=actor_id).first()
    for _ in range(MERGE_HOPS):
        if view is None or view.merged_into is None:
            break
        view = ActorView.objects.filter(actor_id=view.merged_into).first()
    if view is None:
        raise NotFound(f"no actor {actor_id}")
    return view


def _actor(view: ActorView) -> dict[str, Any]:
    return {
        "id": str(view.actor_id),
        "name": view.name,
        "kind": view.kind,
        "aliases": view.aliases,
    }
