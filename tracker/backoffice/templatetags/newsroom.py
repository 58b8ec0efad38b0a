"""Template filters of the newsroom pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def spaced(value: object) -> str:
    """Return a snake_case name with spaces: sanctions_request -> sanctions request."""
    return str(value).replace("_", " ")
