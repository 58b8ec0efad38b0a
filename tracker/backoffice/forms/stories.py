"""Forms of the story pages: search, open a story, and the replay control."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from django import forms

from tracker.services.errors import NotFound, VersionNotFound

NOT_RECORDED_YET = (
    "nothing of this story had been recorded by then (basis 'recorded' shows what the "
    "tracker knew at that time): choose basis 'occurred' to see what had happened by then"
)
NOT_HAPPENED_YET = "the story had not begun by then: choose a later date"
BASES = [("recorded", "as recorded (what we knew then)"), ("occurred", "as occurred (known now)")]
STATUSES = [("", "any status"), ("developing", "developing"), ("dormant", "dormant")]
STATUSES += [("concluded", "concluded")]


class StorySearchForm(forms.Form):
    """Find stories by words in any language and by status."""

    q = forms.CharField(required=False, label="Search")
    status = forms.ChoiceField(required=False, choices=STATUSES)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class StoryOpenForm(forms.Form):
    """Open a story: a title, and optionally a slug, a summary and its language."""

    use_required_attribute = False
    title = forms.CharField(required=False, max_length=300)
    slug = forms.CharField(required=False, help_text="Made from the title when left empty.")
    summary = forms.CharField(required=False, widget=forms.Textarea({"rows": 3, "cols": 60}))
    language = forms.CharField(required=False, help_text="e.g. de, en, ru")
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    def fields_given(self) -> dict[str, Any]:
        """Return the story's fields: the title as typed (the domain checks it), others or None."""
        names = ("slug", "summary", "language")
        given = {name: self.cleaned_data.get(name) or None for name in names}
        return {"title": self.cleaned_data.get("title", ""), **given}


class ReplayForm(forms.Form):
    """Replay a story at a version, or at a moment as recorded or as occurred."""

    version = forms.IntegerField(required=False, min_value=1, label="Version")
    as_of = forms.CharField(
        required=False,
        label="As of",
        help_text="A date (its end, UTC) or a timestamp, e.g. 2025-04-02 or 2025-04-02T12:00:00Z",
    )
    basis = forms.ChoiceField(required=False, choices=BASES, initial="recorded")

    def clean_as_of(self) -> datetime | None:
        """Parse a date (meaning the end of that day, UTC) or an ISO timestamp."""
        text = self.cleaned_data.get("as_of", "").strip()
        if not text:
            return None
        try:
            return datetime.combine(date.fromisoformat(text), time.max, tzinfo=UTC)
        except ValueError:
            pass
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError(
                "not a date or time; use e.g. 2025-04-02 or 2025-04-02T12:00:00Z"
            ) from None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    def typed(self) -> dict[str, str]:
        """Return each field as typed (empty when absent), to show it again as it was."""
        return {name: str(self.data.get(name) or "") for name in self.fields}

    def refuse(self, refusal: NotFound) -> None:
        """Show why the replay point cannot be shown, on the field that chose it."""
        if isinstance(refusal, VersionNotFound):
            self.add_error("version", f"{refusal.detail}: choose a version up to the current one")
        elif self.cleaned_data.get("version") is not None:
            self.add_error("version", refusal.detail)
        elif (self.cleaned_data.get("basis") or "recorded") == "recorded":
            self.add_error("as_of", NOT_RECORDED_YET)
        else:
            self.add_error("as_of", NOT_HAPPENED_YET)

    def replay(self) -> dict[str, Any]:
        """Return the selector's replay arguments (empty for the story as it is now)."""
        if not self.is_valid():
            return {}
        if self.cleaned_data["version"] is not None:
            return {"version": self.cleaned_data["version"]}
        if self.cleaned_data["as_of"] is not None:
            basis = self.cleaned_data["basis"] or "recorded"
            return {"as_of": self.cleaned_data["as_of"], "basis": basis}
        return {}
