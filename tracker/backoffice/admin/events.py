"""The event log: every stored event, filterable, its JSON pretty-printed; nothing editable."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString

from tracker.backoffice.admin.readonly import ReadOnlyAdmin, pretty_json
from tracker.backoffice.models import Event
from tracker.services.selectors import actor_list, story_list

NOBODY = "-"
STREAMS_LISTED = 200


class StreamFilter(admin.SimpleListFilter):
    """Filter by stream: a story (by slug) or an actor (by name)."""

    title = "stream"
    parameter_name = "stream"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        """List the stories and the actors."""
        found = [
            (str(story["id"]), f"story: {story['slug']}")
            for story in story_list(limit=STREAMS_LISTED)["items"]
        ]
        found += [
            (str(actor["id"]), f"actor: {actor['name']}")
            for actor in actor_list(limit=STREAMS_LISTED)["items"]
        ]
        return found

    def queryset(self, request: HttpRequest, queryset: QuerySet[Event]) -> QuerySet[Event]:
        """Keep the events of the chosen stream."""
        try:
            return queryset.filter(stream_id=UUID(self.value())) if self.value() else queryset
        except ValueError:
            return queryset.none()


class RecorderFilter(admin.SimpleListFilter):
    """Filter by who recorded the event: a user, a token, the system."""

    title = "recorded by"
    parameter_name = "recorder"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        """List every recorder found in the events' metadata."""
        seen = Event.objects.order_by().values_list("metadata__recorded_by", flat=True).distinct()
        found = {_recorder_key(who): _recorder_label(who) for who in seen}
        return sorted(found.items(), key=lambda item: item[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Event]) -> QuerySet[Event]:
        """Keep the events of the chosen recorder."""
        value = self.value()
        if not value:
            return queryset
        if value == NOBODY:
            return queryset.filter(
                Q(metadata__recorded_by__isnull=True) | Q(metadata__recorded_by={})
            )
        kind, _, name = value.partition(":")
        by_name = Q(metadata__recorded_by__username=name) | Q(metadata__recorded_by__name=name)
        return queryset.filter(Q(metadata__recorded_by__kind=kind) & by_name)


def _recorder_key(who: Any) -> str:
    if not isinstance(who, dict) or not who:
        return NOBODY
    return f"{who.get('kind')}:{who.get('username') or who.get('name')}"


def _recorder_label(who: Any) -> str:
    if not isinstance(who, dict) or not who:
        return "(not recorded)"
    return f"{who.get('username') or who.get('name')} ({who.get('kind')})"


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    """Every event in position order, newest first."""

    list_display = (
        "position", "event_type", "stream_type", "stream_id", "version", "recorder",
        "occurred_at", "recorded_at",
    )  # fmt: skip
    list_filter = (
        "event_type",
        "stream_type",
        StreamFilter,
        RecorderFilter,
        ("recorded_at", admin.DateFieldListFilter),
    )
    date_hierarchy = "recorded_at"
    search_fields = ("event_type",)
    list_per_page = 50
    show_full_result_count = False
    fields = (
        "position", "event_id", "stream_id", "stream_type", "version", "event_type",
        "schema_version", "occurred_at", "occurred_precision", "reported_at", "recorded_at",
        "idempotency_key", "data_pretty", "metadata_pretty",
    )  # fmt: skip
    readonly_fields = fields

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Event], search_term: str
    ) -> tuple[QuerySet[Event], bool]:
        """Find an event or a stream by its id; otherwise search event types."""
        try:
            wanted = UUID(search_term.strip())
        except ValueError:
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(Q(event_id=wanted) | Q(stream_id=wanted)), False

    @admin.display(description="recorded by")
    def recorder(self, obj: Event) -> str:
        """Name who recorded the event."""
        return _recorder_label((obj.metadata or {}).get("recorded_by"))

    @admin.display(description="data")
    def data_pretty(self, obj: Event) -> SafeString:
        """Show the payload, indented."""
        return pretty_json(obj.data)

    @admin.display(description="metadata")
    def metadata_pretty(self, obj: Event) -> SafeString:
        """Show the metadata, indented."""
        return pretty_json(obj.metadata)
