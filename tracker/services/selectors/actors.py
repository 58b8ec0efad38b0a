"""Read actors: search across names and aliases, and one actor with its stories."""

from __future__ import annotations

import functools
from typing import Any
from uuid import UUID

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection, connections, transaction
from django.db.models import Case, FloatField, OuterRef, Q, Subquery, Value, When

from tracker.dbrouting import reading_alias, replica_read
from tracker.domain import normalize_name
from tracker.domain.transliteration import latin_key
from tracker.projections.models import ActorName, ActorView, Involvement, StoryView
from tracker.services.errors import NotFound

MERGE_HOPS = 20
WORD_SIMILARITY = 0.4  # pg_trgm word similarity a near spelling needs (its default is 0.6)


@replica_read
def actor_list(*, q: str | None = None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """Return actors (not merged away) with a name or alias like the query, closest first.

    A spelling matches when it contains the query (case, accents and punctuation aside), when
    its Latin key contains the query's ("Dmitryev", "Dmitrijev", "Дмитриев" all find "Kirill
    Dmitrijew"), or, on a server with pg_trgm, when a word of it is a near spelling of the
    query (trigram word similarity of the Latin keys: "Dmitirev"). Equal spellings come
    first, then containing ones, each by similarity; without a query, actors come by name.
    """
    actors = ActorView.objects.filter(merged_into__isnull=True)
    normal = normalize_name(q or "")
    if not normal:
        count = actors.count()
        page = actors.order_by("name", "actor_id")[offset : offset + limit]
        return {"items": [_actor(view) for view in page], "count": count}
    key = latin_key(normal)
    spellings = ActorName.objects.filter(_spelled_like(normal, key))
    best = (
        spellings.filter(actor_id=OuterRef("actor_id"))
        .annotate(score=_closeness(normal, key))
        .order_by("-score")
        .values("score")[:1]
    )
    actors = actors.filter(actor_id__in=spellings.values("actor_id")).annotate(score=Subquery(best))
    alias = reading_alias()  # the replica or the primary this read goes to
    with transaction.atomic(using=alias):
        if trigrams_installed():  # pg_trgm's 0.6 misses a swap in an 8-letter word
            with connections[alias].cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                    [str(WORD_SIMILARITY)],
                )
        count = actors.count()
        page = list(actors.order_by("-score", "name", "actor_id")[offset : offset + limit])
    return {"items": [_actor(view) for view in page], "count": count}


def _spelled_like(normal: str, key: str) -> Q:
    """Return the condition on actor_name rows: containing the query, or a word close to it."""
    condition = Q(normalized__contains=normal)
    if key:
        condition |= Q(latin__contains=key)
        if trigrams_installed():
            condition |= Q(latin__trigram_word_similar=key)
    return condition


def _closeness(normal: str, key: str) -> Any:
    """Return the score of a spelling: 3 equal, 2 containing, plus the word similarity (0-1)."""
    level = Case(
        When(Q(normalized=normal) | Q(latin=key), then=Value(3.0)),
        When(Q(normalized__contains=normal) | Q(latin__contains=key), then=Value(2.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return level + TrigramWordSimilarity(Value(key), "latin") if trigrams_installed() else level


@functools.cache
def trigrams_installed() -> bool:
    """Return whether the database has pg_trgm (migration 0009 creates it where available)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


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
