"""The event stream's path the servers know is the one Django routes to the stream view."""

from __future__ import annotations

from django.urls import resolve

from tracker.api.paths import EVENT_STREAM_PATH


def test_the_stream_path_resolves_to_the_stream_view() -> None:
    """tracker.api.paths.EVENT_STREAM_PATH is where urls.py serves GET /events/stream."""
    match = resolve(EVENT_STREAM_PATH)
    assert match.url_name == "events_stream"
