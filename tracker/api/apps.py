"""The API app: REST endpoints and the API tokens they accept."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """Holds API tokens and the token management commands."""

    name = "tracker.api"
    label = "api"
