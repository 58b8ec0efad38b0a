"""The event log: every stored event, filterable, its JSON pretty-printed; nothing editable."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tracker.backoffice.admin.readonly import ReadOnlyAdmin, pretty_json
from tracker.backoffice.event_log import events_with_streams, stream_cell
from tracker.backoffice.models import Event
from tracker.backoffice.templatetags.newsroom import moment, occurred, spaced
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
        "type_label", "stream", "version", "occurred", "recorded_by_whom",
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
        "position", "event_id", "stream", "stream_id", "stream_type", "version", "event_type",
        "schema_version", "occurred", "occurred_precision", "reported", "recorded",
        "idempotency_key", "data_pretty", "metadata_pretty",
    )  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        """Read the events with their story's title or actor's name."""
        return events_with_streams(super().get_queryset(request))

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Event], search_term: str
    ) -> tuple[QuerySet[Event], bool]:
        """Find an event or a stream by its id; otherwise search event types."""
        try:
            wanted = UUID(search_term.strip())
        except ValueError:
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(Q(event_id=wanted) | Q(stream_id=wanted)), False

    @admin.display(description="type", ordering="event_type")
    def type_label(self, obj: Event) -> str:
        """Name the event's type in words."""
        return spaced(obj.event_type)

    @admin.display(description="stream")
    def stream(self, obj: Event) -> SafeString:
        """Link the story (by title) or actor (by name) the event belongs to, with a short id."""
        return stream_cell(obj)

    @admin.display(description="occurred", ordering="occurred_at")
    def occurred(self, obj: Event) -> SafeString | str:
        """Show when it happened as precisely as it is known, the stored value on hover."""
        return occurred(obj.occurred_at, obj.occurred_precision) if obj.occurred_at else "—"

    @admin.display(description="reported", ordering="reported_at")
    def reported(self, obj: Event) -> SafeString | str:
        """Show when it was reported, the exact value on hover."""
        return moment(obj.reported_at)

    @admin.display(description="recorded", ordering="recorded_at")
    def recorded(self, obj: Event) -> SafeString | str:
        """Show when it was stored, the exact value on hover."""
        return moment(obj.recorded_at)

    @admin.display(description="recorded", ordering="recorded_at")
    def recorded_by_whom(self, obj: Event) -> SafeString:
        """Show when the event was stored and by whom."""
        return format_html("{}<br><small>{}</small>", moment(obj.recorded_at), self.recorder(obj))

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
