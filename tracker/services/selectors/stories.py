"""Read stories: the list, the state and the timeline, live or replayed.

A story's state and timeline are rendered from its snapshot first when their rows are behind
it (a long story after a write, or any story an actor change touched); the list and search
show each story as last rendered.
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast

from tracker import dbrouting
from tracker.dbrouting import replica_read
from tracker.domain import normalize_name
from tracker.projections import pending
from tracker.projections.models import (
    ActorName,
    DevelopmentView,
    Involvement,
    ProjectionFailure,
    StorySnapshot,
    StoryView,
)
from tracker.projections.search import search_query
from tracker.projections.status import stale_marker
from tracker.services import streams
from tracker.services.errors import NotFound, ProjectionStuck, Stale
from tracker.services.selectors.replay import replay_document
from tracker.services.writes import catch_up_within

SUMMARY_FIELDS = (
    "id", "slug", "title", "summary", "language", "status", "version", "position",
    "opened_at", "last_development_at", "developments",
)  # fmt: skip


@replica_read
def story_list(
    *,
    q: str | None = None,
    actor: str | None = None,
    status: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """Return stories matching a search, an actor and a status, newest development first.

    A story stream no `story_opened` began (events appended to it directly) has no slug or
    title to list: it is left out.
    """
    stories = StoryView.objects.filter(opened_at__isnull=False)
    if q:
        query = search_query(q)
        stories = stories.filter(search=query) if query is not None else stories.none()
    if status:
        stories = stories.filter(status=status)
    if actor:
        stories = stories.filter(story_id__in=_stories_of_actor(actor))
    count = stories.count()
    page = stories.order_by("-last_development_at", "slug")[offset : offset + limit]
    items = [{key: view.document.get(key) for key in SUMMARY_FIELDS} for view in page]
    return {"items": items, "count": count}


def _stories_of_actor(actor: str) -> Any:
    """Return the ids of the stories involving the actor `actor` names: by id, name or alias.

    A name matches when each of its words begins a word of the actor's name or of one of its
    aliases, compared as `normalize_name` writes them (case, accents and punctuation ignored):
    "Dmitrijew", "kirill dmitrijew", "Dmitri" and "Дмитриев" all name Kirill Dmitrijew.
    """
    condition = Q(actor_id__in=actor_ids_named(actor))
    with contextlib.suppress(ValueError):
        condition |= Q(actor_id=UUID(actor))
    return Involvement.objects.filter(condition).values("story_id")


def actor_ids_named(text: str) -> Any:
    """Return the ids of the actors a name or alias of which has words beginning as `text`'s."""
    words = normalize_name(text).split()
    if not words:
        return ActorName.objects.none().values("actor_id")
    names = ActorName.objects.all()
    for word in words:  # normalized words hold letters and digits only
        names = names.filter(normalized__regex=rf"(^| ){re.escape(word)}")
    return names.values("actor_id")


@replica_read
def story_get(
    *,
    story: str,
    version: int | None = None,
    as_of: datetime | None = None,
    basis: str = "recorded",
    min_position: int | None = None,
) -> dict[str, Any]:
    """Return the story state now (read model) or at a version or time (replay)."""
    if version is not None or as_of is not None:
        document = replay_document(story, version=version, as_of=as_of, basis=basis)
        if document["id"] is None:
            raise NotFound(f"story {story} was not open yet at that point")
        document.pop("timeline")
        return document
    _wait_for(min_position)
    _refresh(story)
    view = _story_view(story)
    document = dict(view.document)
    stale = stale_marker(view.story_id)
    if stale is not None:
        document["stale"] = stale
    return document


@replica_read
def story_get_json(
    *,
    story: str,
    version: int | None = None,
    as_of: datetime | None = None,
    basis: str = "recorded",
    min_position: int | None = None,
) -> tuple[bytes, int]:
    """Return the story state as JSON bytes and its version; the live one straight as stored."""
    if version is not None or as_of is not None:
        document = story_get(story=story, version=version, as_of=as_of, basis=basis)
        return orjson.dumps(document), document["version"]
    _wait_for(min_position)
    story_id = _refresh(story)
    stored = _document_text(story_id)
    if stored is None:
        _story_view(story)  # waits for a story the projection has not reached, or raises
        stored = _document_text(story_id)
    if stored is None:
        raise NotFound(f"no story {story}")
    text, version, stuck = stored
    if stuck:  # the last good state, marked: later events could not be applied
        document = orjson.loads(text)
        document["stale"] = stale_marker(story_id)
        return orjson.dumps(document), version
    return text.encode(), version


def _document_text(story_id: UUID) -> tuple[str, int, bool] | None:
    """Return the stored document as text, its version and whether the story is stuck."""
    rows = StoryView.objects.filter(story_id=story_id).annotate(
        text=Cast("document", output_field=TextField()),
        stuck=Exists(ProjectionFailure.objects.filter(stream_id=OuterRef("story_id"))),
    )
    return rows.values_list("text", "version", "stuck").first()


@replica_read
def story_timeline(
    *,
    story: str,
    version: int | None = None,
    as_of: datetime | None = None,
    basis: str = "recorded",
    min_position: int | None = None,
) -> list[dict[str, Any]]:
    """Return the story's developments in occurred order, now or at a version or time."""
    if version is not None or as_of is not None:
        timeline: list[dict[str, Any]] = replay_document(
            story, version=version, as_of=as_of, basis=basis
        )["timeline"]
        return timeline
    _wait_for(min_position)
    _refresh(story)
    story_id = _story_view(story).story_id
    rows = DevelopmentView.objects.filter(story_id=story_id).order_by("moment", "position")
    return [orjson.loads(view) for view in rows.values_list("view", flat=True)]


def _refresh(story: str) -> UUID:
    """Render the story's rows that are behind its snapshot, if any; return its id."""
    story_id = streams.story_id_of(story)
    if dbrouting.on_replica():  # a replica's rows match its snapshot unless it is pending
        if not StorySnapshot.objects.filter(story_id=story_id, pending__gt=0).exists():
            return story_id
        dbrouting.to_primary()  # rendered on the primary, and read there
    pending.refresh(streams.store(), story_id)
    return story_id


def _story_view(story: str) -> StoryView:
    """Return the story's read model; a story the projection has not reached yet is waited for."""
    story_id = streams.story_id_of(story)
    view = StoryView.objects.filter(story_id=story_id).first()
    if view is None:
        dbrouting.to_primary()  # a replica may not have projected it yet
        events = streams.store().read_stream(story_id, limit=1)
        if not events:
            raise NotFound(f"no story {story}")
        _wait_for(events[0].position)
        view = StoryView.objects.filter(story_id=story_id).first()
        if view is None and stale_marker(story_id) is not None:
            raise ProjectionStuck(f"story {story} could not be projected from its first event")
        if view is None:
            raise NotFound(f"no story {story}")
    return view


def _wait_for(min_position: int | None) -> None:
    if min_position is None:
        return
    with dbrouting.primary():  # the primary's read models first; a replica's follow
        reached, current = catch_up_within(min_position)
    if not reached:
        raise Stale(
            f"the read model is at position {current}, not yet at {min_position}; retry shortly",
            current_position=current,
        )
