"""The backoffice app."""

from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    """Editors' pages inside the Django admin, its permissions and the read-only event log."""

    name = "tracker.backoffice"
    label = "backoffice"
    verbose_name = "Newsroom"
