"""The admin site of the newsroom: its name, its link to the API docs, its pages in the list."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tracker.backoffice.navigation import APP_LABEL, with_newsroom


class NewsroomSite(admin.AdminSite):
    """Django's admin, branded for the newsroom, with Stories and Actors in its app list."""

    site_header = "Newsroom tracker"
    site_title = "Newsroom tracker"
    index_title = "Newsroom desk"
    site_url = "/api/v1/docs"

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> Any:
        """List the apps, the Newsroom first with its own pages."""
        apps = super().get_app_list(request, app_label)
        if app_label not in (None, APP_LABEL):
            return apps
        return with_newsroom(apps, request.user)
