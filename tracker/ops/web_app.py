"""The web workers' WSGI application: tracker.wsgi's, loaded whole, with short full collections.

`manage.py serve` starts its threaded server on this module, not on tracker.wsgi, so the
garbage collector's freezing (tracker.ops.collector) applies to the served workers only.
"""

from __future__ import annotations

from tracker.ops.startup import ready_to_serve
from tracker.wsgi import application

__all__ = ["application"]

freezer = ready_to_serve()
