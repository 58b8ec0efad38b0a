"""The CSV export (being written)."""

from __future__ import annotations

from tracker.exports.base import ExportInput


def render(story: ExportInput) -> bytes:
    """Return one row per development."""
    return b"event_id\r\n"


def render_deletions(story: ExportInput) -> bytes:
    """Return one row per retracted development."""
    return b"event_id,deleted_timestamp\r\n"
