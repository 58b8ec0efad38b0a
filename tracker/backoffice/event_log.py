"""The event log's rows: each event with its story's title (or actor's name) and a link."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tracker.backoffice.templatetags.newsroom import short_id
from tracker.projections.models import ActorView, StoryView

TITLE_SHOWN = 48


def events_with_streams(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Return the events with their story's slug and title, or their actor's name."""
    stories = StoryView.objects.filter(story_id=OuterRef("stream_id"))
    actors = ActorView.objects.filter(actor_id=OuterRef("stream_id"))
    return queryset.annotate(
        story_slug=Subquery(stories.values("slug")[:1]),
        story_title=Subquery(stories.values("title")[:1]),
        actor_name=Subquery(actors.values("name")[:1]),
    )


def stream_cell(event: Any) -> SafeString:
    """Render the stream of an event: the story's title or actor's name as a link, a short id."""
    slug = getattr(event, "story_slug", None)
    name = getattr(event, "actor_name", None)
    if slug:
        title = str(getattr(event, "story_title", None) or slug)
        short = title if len(title) <= TITLE_SHOWN else title[: TITLE_SHOWN - 1] + "…"
        url = reverse("backoffice:story", kwargs={"story": slug})
        link = format_html('<a href="{}" title="{}">{}</a>', url, title, short)
    elif name and event.stream_type == "actor":
        url = reverse("backoffice:actor", kwargs={"actor_id": event.stream_id})
        link = format_html('<a href="{}">{}</a>', url, name)
    else:
        link = format_html("{}", event.stream_type)
    stream_id = format_html('<small class="stream-id">{}</small>', short_id(event.stream_id))
    return format_html("{} {}", link, stream_id)
