"""Actor pages: search across aliases, one actor, add an alias, merge two actors."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from tracker.backoffice import actions, roles
from tracker.backoffice.forms.actors import ActorSearchForm, AliasForm
from tracker.backoffice.forms.refusals import refusal_show
from tracker.backoffice.selectors import actor_suggestions, merge_preview
from tracker.backoffice.views.common import newsroom_view, page
from tracker.services.selectors import actor_get, actor_list

PAGE_SIZE = 100


@newsroom_view(roles.BROWSE)
def actors(request: HttpRequest) -> HttpResponse:
    """List actors matching a name or alias in any language."""
    form = ActorSearchForm(request.GET or None)
    q = form.cleaned_data.get("q") if form.is_valid() else None
    found = actor_list(q=q or None, limit=PAGE_SIZE)
    return page(request, "actor_list.html", "Actors", form=form, found=found)


@newsroom_view(roles.BROWSE)
def suggest(request: HttpRequest) -> JsonResponse:
    """Answer the actor fields' autocomplete: actors whose name or alias contains q."""
    q = request.GET.get("q", "")[:100]
    return JsonResponse({"items": actor_suggestions(q=q)})


@newsroom_view(roles.BROWSE)
def actor(request: HttpRequest, actor_id: UUID) -> HttpResponse:
    """Show an actor: names in every language, stories, and the alias form."""
    shown = actor_get(actor_id=actor_id)
    if shown["id"] != str(actor_id):  # merged away: show the actor it joined
        return redirect("backoffice:actor", actor_id=shown["id"])
    return page(request, "actor.html", shown["name"], actor=shown, alias_form=AliasForm())


@newsroom_view(roles.MANAGE_ACTORS)
def alias_add(request: HttpRequest, actor_id: UUID) -> HttpResponse:
    """Add another spelling of an actor's name."""
    form = AliasForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = actions.actor_alias_add(
            user=request.user,
            actor_id=actor_id,
            name=form.cleaned_data["name"],
            language=form.cleaned_data["language"] or None,
        )
        if outcome.result is not None:
            messages.success(request, f"“{form.cleaned_data['name']}” is now an alias.")
            return redirect("backoffice:actor", actor_id=actor_id)
        assert outcome.refusal is not None
        refusal_show(form, outcome.refusal)
    shown = actor_get(actor_id=actor_id)
    return page(request, "actor.html", shown["name"], actor=shown, alias_form=form)


@newsroom_view(roles.MANAGE_ACTORS)
def merge(request: HttpRequest, actor_id: UUID) -> HttpResponse:
    """Pick the actor to merge into, confirm after seeing what changes, then merge."""
    into = _uuid(request.POST.get("into") or request.GET.get("into"))
    if into is None:
        form = ActorSearchForm(request.GET or None)
        q = form.cleaned_data.get("q") if form.is_valid() else None
        found = actor_list(q=q, limit=PAGE_SIZE) if q else {"items": [], "count": 0}
        shown = actor_get(actor_id=actor_id)
        return page(request, "actor_merge_pick.html", "Merge", actor=shown, form=form, found=found)
    if request.method == "POST":
        outcome = actions.actor_merge(user=request.user, actor_id=actor_id, into=into)
        if outcome.result is not None:
            messages.success(request, "The actors are merged.")
            return redirect("backoffice:actor", actor_id=into)
        assert outcome.refusal is not None
        messages.error(request, outcome.refusal.message)
    preview = merge_preview(actor_id=actor_id, into=into)
    return page(request, "actor_merge_confirm.html", "Confirm the merge", **preview)


def _uuid(text: str | None) -> UUID | None:
    try:
        return UUID(text) if text else None
    except ValueError:
        return None
