"""The stream process's ASGI application: tracker.asgi's, with short full collections.

`manage.py serve` starts its stream server on this module, not on tracker.asgi, so the
garbage collector's freezing (tracker.ops.collector) applies to the served process only,
not to every process that imports the application (the tests' in-process servers).
"""

from __future__ import annotations

from django.conf import settings

from tracker.asgi import application
from tracker.ops.collector import freeze_survivors

__all__ = ["application"]

freezer = freeze_survivors(settings.TRACKER_GC_THAW_SECONDS)
