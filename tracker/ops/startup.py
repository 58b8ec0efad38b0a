"""What a served process does once it has loaded its application, before it serves."""

from __future__ import annotations

from django.conf import settings
from django.urls import get_resolver

from tracker.ops.collector import SurvivorFreezer, freeze_survivors


def ready_to_serve() -> SurvivorFreezer | None:
    """Load every URL and view now, then freeze what lives (tracker.ops.collector).

    Django loads the URLconf, and with it every view and the API's routers, on the first
    request: 146 ms that request paid in each worker. Loaded here, it is frozen with the rest.
    """
    get_resolver().url_patterns  # noqa: B018  (the property loads them)
    return freeze_survivors(settings.TRACKER_GC_THAW_SECONDS)
