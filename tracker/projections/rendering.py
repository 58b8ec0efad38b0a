"""The rendering version: which code rendered the read models from the events."""

from __future__ import annotations

#: The version of what this code renders from events; raise it whenever the same events
#: would render different rows (or snapshots), so that read models rendered before get rebuilt.
RENDERING = 6


def current_rendering() -> int:
    """Return the rendering version of this code (the default for a new checkpoint)."""
    return RENDERING
