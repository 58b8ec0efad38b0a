"""The stream process's ASGI application: tracker.asgi's, with short full collections.

`manage.py serve` starts its stream server on this module, not on tracker.asgi, so the
garbage collector's freezing (tracker.ops.collector) applies to that long-lived process only.
"""

from __future__ import annotations

from django.conf import settings

from tracker.asgi import application
from tracker.ops.collector import freeze_survivors

__all__ = ["application"]

freezer = freeze_survivors(settings.TRACKER_STREAM_GC_THAW_SECONDS)
