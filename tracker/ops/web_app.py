"""The web workers' WSGI application: tracker.wsgi's, with short full collections.

`manage.py serve` starts its threaded server on this module, not on tracker.wsgi, so the
garbage collector's freezing (tracker.ops.collector) applies to the served workers only.
"""

from __future__ import annotations

from django.conf import settings

from tracker.ops.collector import freeze_survivors
from tracker.wsgi import application

__all__ = ["application"]

freezer = freeze_survivors(settings.TRACKER_GC_THAW_SECONDS)
