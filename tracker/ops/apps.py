"""The operations app: set-up, serving and maintenance commands."""

from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Holds the project's operational management commands."""

    name = "tracker.ops"
    label = "ops"
