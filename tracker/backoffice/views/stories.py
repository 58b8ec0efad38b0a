"""Story pages: the list, opening a story, and a story's page with its replay control."""

from __future__ import annotations

from uuid import uuid4

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tracker.backoffice import actions, roles
from tracker.backoffice.forms.refusals import refusal_show
from tracker.backoffice.forms.stories import ReplayForm, StoryOpenForm, StorySearchForm
from tracker.backoffice.selectors import story_page
from tracker.backoffice.views.common import newsroom_view, page
from tracker.domain import DEVELOPMENT_TYPES
from tracker.exports import registry
from tracker.services.errors import NotFound
from tracker.services.selectors import story_list

PAGE_SIZE = 50


@newsroom_view(roles.BROWSE)
def stories(request: HttpRequest) -> HttpResponse:
    """List stories, newest development first; search in any language, filter by status."""
    form = StorySearchForm(request.GET or None)
    query = form.cleaned_data if form.is_valid() else {}
    number = query.get("page") or 1
    found = story_list(
        q=query.get("q") or None,
        status=query.get("status") or None,
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    pages = {"number": number, "more": found["count"] > number * PAGE_SIZE}
    return page(request, "story_list.html", "Stories", form=form, found=found, pages=pages)


@newsroom_view(roles.OPEN_STORY)
def story_open(request: HttpRequest) -> HttpResponse:
    """Open a story, then go to its page."""
    if request.method != "POST":
        form = StoryOpenForm(initial={"idempotency_key": uuid4().hex})
        return page(request, "story_open.html", "Open a story", form=form)
    form = StoryOpenForm(request.POST)
    form.is_valid()
    outcome = actions.story_open(
        user=request.user,
        key=form.cleaned_data.get("idempotency_key") or None,
        **form.fields_given(),
    )
    if outcome.result is not None:
        messages.success(request, "The story is open. Record its first development.")
        return redirect("backoffice:story", story=outcome.result.slug)
    assert outcome.refusal is not None
    refusal_show(form, outcome.refusal)
    return page(request, "story_open.html", "Open a story", form=form)


@newsroom_view(roles.BROWSE)
def story(request: HttpRequest, story: str) -> HttpResponse:
    """Show a story now, or replayed at a version or a date, with its timeline and figures."""
    replay = ReplayForm(request.GET or None)
    try:
        shown = story_page(story=story, **replay.replay())
    except NotFound as refusal:  # the replay point, not the story: shown on the form
        if not replay.replay():
            raise
        replay.refuse(refusal)
        shown = story_page(story=story)
    title = shown["story"].get("title") or story
    return page(
        request,
        "story.html",
        title,
        replay_form=replay,
        types=DEVELOPMENT_TYPES,
        export_formats=registry.names(),
        **shown,
    )
