"""A story in the exchange formats: downloads, and the interactive TimelineJS page."""

from __future__ import annotations

from urllib.parse import urlencode

import orjson
from django.http import Http404, HttpRequest, HttpResponse
from django.templatetags.static import static

from tracker.backoffice import roles
from tracker.backoffice.forms.stories import ReplayForm
from tracker.backoffice.views.common import newsroom_view, page
from tracker.exports.base import ExportOptions, Retracted
from tracker.services.exports import UnknownFormat, export_story


@newsroom_view(roles.BROWSE)
def download(request: HttpRequest, story: str, format_name: str) -> HttpResponse:
    """Answer the story in a format as a file, now or at the replay point the page shows."""
    replay = ReplayForm(request.GET or None).replay()
    retracted = _retracted(request)
    try:
        export = export_story(
            story, format_name, options=ExportOptions(retracted=retracted), **replay
        )
    except UnknownFormat as error:
        raise Http404(error.detail) from None
    response = HttpResponse(export.body, content_type=export.format.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@newsroom_view(roles.BROWSE)
def timeline(request: HttpRequest, story: str) -> HttpResponse:
    """Show the story's TimelineJS export with the TimelineJS library served from our files."""
    replay_form = ReplayForm(request.GET or None)
    replay = replay_form.replay()
    retracted = _retracted(request)
    export = export_story(story, "timelinejs", options=ExportOptions(retracted=retracted), **replay)
    data = orjson.loads(export.body)
    query = urlencode({k: v for k, v in request.GET.items() if k in replay_form.fields})
    return page(
        request,
        "story_timeline.html",
        f"Timeline: {data['title']['text']['headline'] or story}",
        story={"slug": export.slug, "title": data["title"]["text"]["headline"]},
        data=data,
        version=export.version,
        replayed=bool(replay),
        query=query,
        retracted=retracted,
        script_path=static("vendor/timelinejs/js/"),
    )


def _retracted(request: HttpRequest) -> Retracted:
    """Return what to do with retracted developments: mark them when asked, else leave out."""
    return "mark" if request.GET.get("retracted") == "mark" else "omit"
