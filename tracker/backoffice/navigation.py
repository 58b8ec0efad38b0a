"""The newsroom's pages in the admin's app list: Stories and Actors beside the event log."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tracker.backoffice import roles

APP_LABEL = "backoffice"


def with_newsroom(app_list: list[dict[str, Any]], user: Any) -> list[dict[str, Any]]:
    """Return the app list with the Newsroom first, its pages before its registered models."""
    if not user.has_perm(roles.BROWSE):
        return app_list
    others = [app for app in app_list if app["app_label"] != APP_LABEL]
    found = next((app for app in app_list if app["app_label"] == APP_LABEL), None)
    newsroom = found or {
        "name": "Newsroom",
        "app_label": APP_LABEL,
        "app_url": reverse("admin:app_list", kwargs={"app_label": APP_LABEL}),
        "has_module_perms": True,
        "models": [],
    }
    pages = [
        _page("Stories", "stories", reverse("backoffice:stories"),
              reverse("backoffice:story-open") if user.has_perm(roles.OPEN_STORY) else None),
        _page("Actors", "actors", reverse("backoffice:actors"), None),
    ]  # fmt: skip
    return [{**newsroom, "models": pages + list(newsroom["models"])}, *others]


def _page(name: str, object_name: str, url: str, add_url: str | None) -> dict[str, Any]:
    """Return one newsroom page in the shape the admin's app list template reads."""
    return {
        "name": name,
        "object_name": object_name,
        "perms": {"add": bool(add_url), "change": False, "delete": False, "view": True},
        "admin_url": url,
        "add_url": add_url,
        "view_only": True,
    }
