"""Record, correct and retract a development, on the story version the editor saw."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from tracker.backoffice import actions, roles
from tracker.backoffice.actions import Outcome
from tracker.backoffice.forms.actor_choices import (
    choices_made,
    for_editors,
    prompts,
    registered_note,
)
from tracker.backoffice.forms.development import (
    CorrectionForm,
    DevelopmentForm,
    RetractionForm,
    VersionedForm,
)
from tracker.backoffice.forms.refusals import refusal_show
from tracker.backoffice.selectors import development_context, record_context
from tracker.backoffice.views.common import newsroom_view, page
from tracker.domain import DEVELOPMENT_TYPES

Context = Callable[[], dict[str, Any]]


@newsroom_view(roles.RECORD)
def record(request: HttpRequest, story: str, type_name: str) -> HttpResponse:
    """Show the form of a development type; record it, or show why it was refused."""
    if type_name not in DEVELOPMENT_TYPES:
        raise Http404(f"no development type {type_name}")
    title = f"Record a {type_name.replace('_', ' ')}"
    if request.method != "POST":
        context = record_context(story=story)
        seen = {"expected_version": context["story"]["version"], "idempotency_key": uuid4().hex}
        form = DevelopmentForm(initial=seen, type_name=type_name)
        return _form_page(request, form, context, title)
    form = DevelopmentForm(request.POST, type_name=type_name)
    form.is_valid()
    outcome = actions.development_record(
        user=request.user,
        story=story,
        development=form.payload(),
        seen=form.cleaned_data.get("expected_version"),
        key=form.cleaned_data.get("idempotency_key") or None,
    )
    done = f"The {type_name.replace('_', ' ')} is recorded."
    return _finish(request, story, form, outcome, done, title, lambda: record_context(story=story))


@newsroom_view(roles.CORRECT)
def correct(request: HttpRequest, story: str, event_id: UUID) -> HttpResponse:
    """Show a development's fields to change; record the correction with its reason and source."""
    context = development_context(story=story, event_id=event_id)  # changes are relative to it
    development = context["development"]
    title = f"Correct a {development['type'].replace('_', ' ')}"
    if request.method != "POST":
        seen = {"expected_version": context["story"]["version"]}
        form = CorrectionForm(initial=seen, development=development)
        return _form_page(request, form, context, title)
    form = CorrectionForm(request.POST, development=development)
    form.is_valid()
    outcome = actions.development_correct(
        user=request.user,
        story=story,
        target=event_id,
        changes=form.changes(),
        reason=form.cleaned_data.get("reason", ""),
        source=form.evidence(),
        seen=form.cleaned_data.get("expected_version"),
    )
    done = "The correction is recorded."
    return _finish(request, story, form, outcome, done, title, lambda: context)


@newsroom_view(roles.RETRACT)
def retract(request: HttpRequest, story: str, event_id: UUID) -> HttpResponse:
    """Ask why and on which source; record the retraction."""

    def context() -> dict[str, Any]:
        return development_context(story=story, event_id=event_id)

    if request.method != "POST":
        shown = context()
        form = RetractionForm(initial={"expected_version": shown["story"]["version"]})
        return _form_page(request, form, shown, "Retract a development")
    form = RetractionForm(request.POST)
    form.is_valid()
    outcome = actions.development_retract(
        user=request.user,
        story=story,
        target=event_id,
        reason=form.cleaned_data.get("reason", ""),
        source=form.evidence(),
        seen=form.cleaned_data.get("expected_version"),
    )
    done = "The retraction is recorded."
    return _finish(request, story, form, outcome, done, "Retract a development", context)


def _finish(
    request: HttpRequest,
    story: str,
    form: VersionedForm,
    outcome: Outcome,
    done: str,
    title: str,
    context: Context,
) -> HttpResponse:
    """Go back to the story after a write; otherwise show the form again, with why."""
    if outcome.result is not None:
        messages.success(request, done + registered_note(outcome.result.actors_registered))
        url = reverse("backoffice:story", kwargs={"story": story})
        return redirect(f"{url}#dev-{outcome.result.event_id}")
    refusal = outcome.refusal
    assert refusal is not None
    if refusal.conflict is not None:
        form.rebase(refusal.conflict.current)
    else:
        refusal = for_editors(refusal)
        refusal_show(form, refusal, form.error_aliases(refusal.code))
    status = 409 if refusal.conflict else 422
    labels = {name: str(field.label) for name, field in form.fields.items()}
    asked, kept = prompts(refusal.ambiguous, choices_made(form.data), labels)
    return _form_page(
        request, form, context(), title, status, refusal=refusal, did_you_mean=asked, kept=kept
    )


def _form_page(
    request: HttpRequest,
    form: VersionedForm,
    context: dict[str, Any],
    title: str,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """Render a development form, offering the story's developments to point at."""
    form.offer(context.get("references") or [])
    response = page(request, "development_form.html", title, form=form, **context, **extra)
    response.status_code = status
    return response
