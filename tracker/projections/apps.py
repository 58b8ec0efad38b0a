"""The projections app."""

from django.apps import AppConfig


class ProjectionsConfig(AppConfig):
    """Read models and the projector that keeps them in step with the store."""

    name = "tracker.projections"
    label = "projections"
