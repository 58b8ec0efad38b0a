"""Show a refusal of the domain or the store on a form: messages next to their fields."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django import forms

from tracker.backoffice.actions import Refusal

_NAMED = re.compile(r"^([a-z_]+(?:\.[a-z_0-9]+)*): (.+)$", re.DOTALL)


def refusal_show(
    form: forms.Form, refusal: Refusal, aliases: Mapping[str, str] | None = None
) -> None:
    """Attach each field error to the field it names (or to the form), and the summary."""
    errors = list(refusal.errors)
    if not errors and refusal.conflict is None:
        named = _NAMED.match(refusal.message)
        errors = [{"field": named[1], "message": named[2]}] if named else []
    placed = False
    for error in errors:
        name = _field_of(form, error["field"], aliases or {})
        if name is None:
            text = f"{error['field']}: {error['message']}" if error["field"] else error["message"]
            form.add_error(None, text)
        else:
            form.add_error(name, error["message"])
        placed = True
    if not placed:
        form.add_error(None, refusal.message)


def _field_of(form: forms.Form, path: str, aliases: Mapping[str, str]) -> str | None:
    """Return the form field a dotted error path belongs to: the longest matching prefix."""
    parts = path.split(".") if path else []
    if parts and parts[0] in aliases:
        parts[0] = aliases[parts[0]]
    while parts:
        name = ".".join(parts)
        if name in form.fields:
            return name
        parts.pop()
    return None
