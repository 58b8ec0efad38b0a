"""The stream process's ASGI application: tracker.asgi's, loaded whole, with short full collections.

`manage.py serve` starts its stream server on this module, not on tracker.asgi, so the
garbage collector's freezing (tracker.ops.collector) applies to the served process only,
not to every process that imports the application (the tests' in-process servers).
"""

from __future__ import annotations

from tracker.asgi import application
from tracker.ops.startup import ready_to_serve

__all__ = ["application"]

freezer = ready_to_serve()
