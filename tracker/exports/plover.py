"""The plover export (being written)."""

from __future__ import annotations

import orjson

from tracker.exports.base import ExportInput


def render(story: ExportInput) -> bytes:
    """Return the story in this format."""
    return orjson.dumps({"title": story.document["title"]})
