"""Django form fields for development field specs: plain inputs; the domain does the checking."""

from __future__ import annotations

from typing import Any

from django import forms

from tracker.backoffice.forms.schema import FieldSpec

EMPTY = ("", "—")
ACTOR_MODES = {"actor": "single", "actor_list": "list", "involvement": "lines"}
PLACEHOLDERS = {
    "partial_time": "2025-04-02, 2025-04, 2025 or 2025-04-02T14:30:00Z",
    "timestamp": "2025-04-03T08:15:00Z",
    "actor_list": "Name; another name",
    "involvement": "Name | role",
}


class TextField(forms.CharField):
    """Optional text with line endings made Unix-style, so unchanged text compares equal."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def to_python(self, value: Any) -> str:
        """Return the stripped text with \\n line endings."""
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n")


def form_field(spec: FieldSpec) -> forms.Field:
    """Return the Django field that collects one spec's value as the editor types it."""
    attrs: dict[str, Any] = {"class": f"field-kind-{spec.kind}"}
    if spec.kind in PLACEHOLDERS:
        attrs["placeholder"] = PLACEHOLDERS[spec.kind]
    if spec.kind in ACTOR_MODES:
        attrs |= {"data-actors": ACTOR_MODES[spec.kind], "autocomplete": "off"}
    options: dict[str, Any] = {"label": spec.label, "help_text": spec.help}
    field: forms.Field
    if spec.kind == "boolean":
        field = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs), **options)
    elif spec.kind == "choice":
        choices = [EMPTY, *((c, c.replace("_", " ")) for c in spec.choices)]
        field = TextField(widget=forms.Select(attrs, choices=choices), **options)
    elif spec.kind == "reference":
        field = TextField(widget=forms.Select(attrs, choices=[EMPTY]), **options)  # see offer()
    elif spec.kind in ("long_text", "involvement", "text_list"):
        rows = 4 if spec.kind == "long_text" else 3
        field = TextField(widget=forms.Textarea({**attrs, "rows": rows, "cols": 60}), **options)
    else:
        field = TextField(widget=forms.TextInput({**attrs, "size": 60}), **options)
    field.initial = spec.default or None
    field.mark_required = spec.required  # shown by the label, not enforced: the domain checks
    return field
