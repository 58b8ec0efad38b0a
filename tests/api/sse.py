"""A minimal server-sent events client for tests (http.client, one connection)."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Frame:
    """One SSE message (id, event, data) or a comment (`comment` set)."""

    id: str | None = None
    event: str | None = None
    data: Any = None
    comment: str | None = None
    fields: dict[str, str] = field(default_factory=dict)


class SSEClient:
    """Open GET `path` as an event stream and read it frame by frame."""

    def __init__(self, base: str, path: str, headers: dict[str, str] | None = None) -> None:
        parts = urlsplit(base)
        host = parts.hostname or "127.0.0.1"
        self.connection = http.client.HTTPConnection(host, parts.port, timeout=15)
        self.connection.request(
            "GET", path, headers={"Accept": "text/event-stream", **(headers or {})}
        )
        self.response = self.connection.getresponse()
        self.status = self.response.status
        self.content_type = self.response.getheader("Content-Type", "")

    def next(self) -> Frame:
        """Return the next frame (a comment or a message); raise on timeout or end."""
        frame = Frame()
        while True:
            line = self.response.readline()
            if not line:
                raise EOFError("the stream ended")
            text = line.decode("utf-8").rstrip("\n")
            if text == "":
                if frame.comment is not None or frame.fields:
                    return frame
                continue
            if text.startswith(":"):
                frame.comment = text[1:].strip()
                continue
            name, _, value = text.partition(":")
            frame.fields[name] = value.removeprefix(" ")
            if name == "id":
                frame.id = frame.fields[name]
            elif name == "event":
                frame.event = frame.fields[name]
            elif name == "data":
                frame.data = json.loads(frame.fields[name])

    def events(self, count: int) -> list[Frame]:
        """Return the next `count` event frames, skipping comments and retry hints."""
        found: list[Frame] = []
        while len(found) < count:
            frame = self.next()
            if frame.id is not None:
                found.append(frame)
        return found

    def close(self) -> None:
        """Close the connection (the server notices and drops the subscriber)."""
        self.connection.close()
