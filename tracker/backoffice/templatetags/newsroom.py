"""Template filters of the newsroom pages: names, numbers, times and ids as editors read them."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tracker.backoffice import humanize

register = template.Library()

#: How many characters of an id a page shows (the whole id is on hover).
SHORT_ID = 8


@register.filter
def spaced(value: object) -> str:
    """Return a snake_case name with spaces: sanctions_request -> sanctions request."""
    return str(value).replace("_", " ")


@register.filter
def moment(value: Any) -> SafeString | str:
    """Render a stored time as `3 Apr 2025, 08:15` with the exact value on hover."""
    found = humanize.moment_of(value)
    if found is None:
        return str(value or "—")
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        found.isoformat(),
        humanize.moment_exact(found),
        humanize.moment_text(found),
    )


@register.filter
def occurred(value: Any, precision: str | None = None) -> SafeString:
    """Render when something happened as precisely as it is known, the stored value on hover."""
    found = humanize.moment_of(value)
    return format_html(
        '<time{} title="{}">{}</time>',
        format_html(' datetime="{}"', found.isoformat()) if found else "",
        humanize.occurred_exact(value, precision),
        humanize.occurred_text(value, precision),
    )


@register.filter
def amount(value: Any, unit: str | None = None) -> SafeString:
    """Render a number as `35 bn USD` with the exact value (35,000,000,000 USD) on hover."""
    return format_html(
        '<span class="number" title="{}">{}</span>',
        humanize.number_exact(value, unit or ""),
        humanize.number_text(value, unit or ""),
    )


@register.filter
def short_id(value: Any) -> SafeString:
    """Render an id by its first characters, the whole id on hover."""
    text = str(value or "")
    return format_html('<abbr class="short-id" title="{}">{}</abbr>', text, text[:SHORT_ID])
