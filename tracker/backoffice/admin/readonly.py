"""A model admin that only shows: no one adds, changes or deletes, superusers included."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows derived from events: viewable with the view permission, never written here."""

    actions = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Refuse adding: rows come from events."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Refuse changing: a correction is a new event, recorded on the story page."""
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Refuse deleting: events are immutable and read models are rebuilt from them."""
        return False


def pretty_json(value: Any) -> SafeString:
    """Return JSON indented and escaped inside a <pre>, non-ASCII text as it is."""
    text = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True, default=str)
    return format_html('<pre class="backoffice-json">{}</pre>', text)
