"""The read models in the admin: look, filter, search; they change only by projecting events."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tracker.backoffice.admin.readonly import ReadOnlyAdmin, pretty_json
from tracker.projections.models import ActorView, Checkpoint, DevelopmentView, StoryView


@admin.register(StoryView)
class StoryViewAdmin(ReadOnlyAdmin):
    """Stories as projected; the link opens the newsroom's story page."""

    list_display = ("slug", "title", "status", "version", "last_development_at", "page")
    list_filter = ("status",)
    search_fields = ("slug", "title")
    exclude = ("document", "body", "search", "text_german", "text_english", "text_simple")
    readonly_fields = ("page", "document_pretty")

    @admin.display(description="newsroom")
    def page(self, obj: StoryView) -> SafeString:
        """Link to the story page."""
        url = reverse("backoffice:story", kwargs={"story": obj.slug})
        return format_html('<a href="{}">story page</a>', url)

    @admin.display(description="document")
    def document_pretty(self, obj: StoryView) -> SafeString:
        """Show the folded state, indented."""
        return pretty_json(obj.document)


@admin.register(DevelopmentView)
class DevelopmentViewAdmin(ReadOnlyAdmin):
    """Developments as the timeline shows them."""

    list_display = ("event_id", "type", "story_id", "occurred_at", "status", "confirmation")
    list_filter = ("type", "status", "confirmation")
    search_fields = ("summary",)
    exclude = ("view",)
    readonly_fields = ("view_pretty",)

    @admin.display(description="view")
    def view_pretty(self, obj: DevelopmentView) -> SafeString:
        """Show the development view, indented."""
        return pretty_json(obj.view_data)


@admin.register(ActorView)
class ActorViewAdmin(ReadOnlyAdmin):
    """Actors with their aliases."""

    list_display = ("name", "kind", "merged_into", "actor_id")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Checkpoint)
class CheckpointAdmin(ReadOnlyAdmin):
    """How far each projection has applied the store."""

    list_display = ("name", "position", "events_applied", "updated_at")
