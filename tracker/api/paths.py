"""Paths of the API that code outside Django's URL resolver must know (the servers)."""

API_PREFIX = "/api/v1"
#: The server-sent event stream (tracker.api.events), which the stream process holds open.
EVENT_STREAM_PATH = f"{API_PREFIX}/events/stream"
