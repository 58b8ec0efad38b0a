"""Stories (and actors) the projector stopped at, in the admin: what failed, since when."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tracker.backoffice.admin.readonly import ReadOnlyAdmin
from tracker.projections.models import ProjectionFailure, StoryView


@admin.register(ProjectionFailure)
class ProjectionFailureAdmin(ReadOnlyAdmin):
    """Stuck streams: their read model stays at `good_version` until `retry_projection`."""

    list_display = (
        "stream_id", "stream_type", "page", "good_version", "version", "position",
        "first_seen", "last_seen", "attempts",
    )  # fmt: skip
    list_filter = ("stream_type",)
    readonly_fields = ("page",)

    @admin.display(description="newsroom")
    def page(self, obj: ProjectionFailure) -> SafeString | str:
        """Link to the stuck story's page, where a banner says it is stale."""
        slug = StoryView.objects.filter(story_id=obj.stream_id).values_list("slug", flat=True)
        found = slug.first()
        if found is None:
            return "-"
        url = reverse("backoffice:story", kwargs={"story": found})
        return format_html('<a href="{}">{}</a>', url, found)
