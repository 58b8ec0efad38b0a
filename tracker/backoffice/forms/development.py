"""Forms to record, correct and retract a development, built from the domain's schema."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from tracker.backoffice.forms.actor_choices import apply_choices, choices_made
from tracker.backoffice.forms.fields import EMPTY, TextField, form_field
from tracker.backoffice.forms.formdata import changes_of, development_payload, initial_values
from tracker.backoffice.forms.schema import FieldSpec, development_fields, source_fields

EVIDENCE = "evidence"  # the form's name for the source of a correction or retraction


class VersionedForm(forms.Form):
    """A write on a story: carries the story version the editor saw, so nothing is overwritten."""

    use_required_attribute = False  # the domain says what is missing, next to each field
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    specs: tuple[FieldSpec, ...] = ()
    data: Any  # the bound data (a QueryDict), set by forms.Form

    def rebase(self, version: int) -> None:
        """Keep the editor's input but aim it at the current version (after a conflict)."""
        data = self.data.copy()
        data["expected_version"] = str(version)
        self.data = data

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Return the visible fields in fieldsets: the development, its source, the evidence."""
        titles = {"source": "Source", EVIDENCE: "Source of this change", "reason": "Why"}
        grouped: dict[str, list[forms.BoundField]] = {}
        for bound in self.visible_fields():
            head = bound.name.split(".", 1)[0]
            head = head if head in titles else ""
            grouped.setdefault(titles.get(head, "Development"), []).append(bound)
        return list(grouped.items())

    def error_aliases(self, code: str) -> dict[str, str] | None:
        """Return how the refusal's field paths map onto this form's fields (None: as they are)."""
        return None

    def offer(self, references: Sequence[tuple[str, str]]) -> None:
        """Let the fields that point at a development choose among `references`."""
        for spec in self.specs:
            if spec.kind == "reference":
                self.fields[spec.name].widget.choices = [EMPTY, *references]

    def evidence(self) -> dict[str, Any] | None:
        """Return the source of a correction or retraction, or None when none was given."""
        payload = development_payload(source_fields(EVIDENCE), self.cleaned_data)
        found: dict[str, Any] | None = payload.get(EVIDENCE)
        return found


class DevelopmentForm(VersionedForm):
    """Record a development of one type."""

    def __init__(self, *args: Any, type_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.type_name = type_name
        self.specs = development_fields(type_name)
        for spec in self.specs:
            self.fields[spec.name] = form_field(spec)

    def payload(self) -> dict[str, Any]:
        """Return the development in the API input shape, new names settled as the editor chose."""
        payload = {"type": self.type_name, **development_payload(self.specs, self.cleaned_data)}
        return apply_choices(payload, choices_made(self.data))


class CorrectionForm(DevelopmentForm):
    """Correct a development: its fields as they are now, why, and on which source."""

    def __init__(self, *args: Any, development: dict[str, Any], **kwargs: Any) -> None:
        type_name = str(development["type"])
        initial = {
            **initial_values(type_name, development_fields(type_name), development),
            **kwargs.pop("initial", {}),
        }
        super().__init__(*args, type_name=type_name, initial=initial, **kwargs)
        self.fields["reason"] = TextField(
            label="Why", help_text="The reason for the correction (required)."
        )
        self.fields["reason"].mark_required = True
        for spec in source_fields(EVIDENCE):
            self.fields[spec.name] = form_field(spec)

    def error_aliases(self, code: str) -> dict[str, str] | None:
        """Return {"source": "evidence"} when the correction (not its changes) is at fault."""
        return {"source": EVIDENCE} if code == "validation_error" else None

    def changes(self) -> dict[str, Any]:
        """Return the fields the editor changed, with their new values."""
        changed = [name for name in self.changed_data if name in {s.name for s in self.specs}]
        payload = apply_choices(
            development_payload(self.specs, self.cleaned_data), choices_made(self.data)
        )
        return changes_of(self.specs, payload, changed)


class RetractionForm(VersionedForm):
    """Retract a development: why, and on which source."""

    reason = TextField(label="Why", help_text="The reason for the retraction (required).")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].mark_required = True
        for spec in source_fields(EVIDENCE):
            self.fields[spec.name] = form_field(spec)

    def error_aliases(self, code: str) -> dict[str, str] | None:
        """Return {"source": "evidence"}: a retraction's only source is its evidence."""
        return {"source": EVIDENCE}
