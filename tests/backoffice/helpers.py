"""Form bodies and page helpers shared by the backoffice tests."""

from __future__ import annotations

import re
import uuid
from html.parser import HTMLParser
from typing import Any

from django.test import Client

from tracker.services import developments
from tracker.services.selectors import story_get, story_timeline


def visit_form(version: int, **fields: str) -> dict[str, str]:
    """Return the POST body of a valid visit form, with `fields` overriding."""
    return {
        "expected_version": str(version),
        "idempotency_key": uuid.uuid4().hex,
        "summary": "Envoy travels to Washington",
        "occurred_at": "2025-04",
        "visitor": f"Envoy {uuid.uuid4().hex[:6]}",
        "destination": "Washington",
        "hosts": "",
        "status": "under_way",
        "source.outlet": "Test Wire",
        "source.url": "https://example.org/visit",
        "source.language": "en",
        "source.quote": "The envoy arrived.",
        **fields,
    }


def statement(summary: str = "A statement", **fields: Any) -> dict[str, Any]:
    """Return a valid statement development (API input shape)."""
    return {
        "type": "statement",
        "occurred_at": "2025-04-02",
        "summary": summary,
        "source": {"outlet": "Test Wire", "language": "en"},
        "speaker": {"name": "Test Speaker"},
        "content": "We will see.",
        **fields,
    }


def record(story: str, development: dict[str, Any], username: str = "someone") -> str:
    """Record a development through the services; return its event id."""
    result = developments.development_record(
        story=story,
        development=development,
        recorded_by={"kind": "user", "username": username, "id": None},
    )
    return str(result.event_id)


def version_of(story: str) -> int:
    """Return the story's current version."""
    return int(story_get(story=story)["version"])


def only_development(story: str) -> dict[str, Any]:
    """Return the story's one development view."""
    [view] = story_timeline(story=story)
    return view


def post(client: Client, url: str, body: dict[str, str]) -> Any:
    """POST a form body; return the response."""
    return client.post(url, body)


def error_text(page: str, field: str) -> str:
    """Return the text of the error list rendered next to a form field."""
    found = re.search(
        rf'<div class="form-row field-[^"]*errors">\s*<ul class="errorlist"[^>]*>'
        rf"((?:(?!<div).)*?)</ul>"
        rf'\s*<div class="flex-container">\s*<label for="id_{re.escape(field)}"',
        page,
        re.S,
    )
    assert found, f"no error shown for {field}"
    return re.sub(r"<[^>]+>", "", found[1]).strip()


class _FormReader(HTMLParser):
    """Collect the values a browser would submit from the page's POST form."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._in_post = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._in_post = found.get("method", "").lower() == "post"
        if not self._in_post or ("name" not in found and tag != "option"):
            return
        name = found.get("name", "")
        if tag == "input" and found.get("type") not in ("submit", "checkbox"):
            self.values[name] = found.get("value", "")
        elif tag == "input" and found.get("type") == "checkbox" and "checked" in found:
            self.values[name] = "on"
        elif tag == "textarea":
            self._textarea, self.values[name] = name, ""
        elif tag == "select":
            self._select, self.values[name] = name, ""
        elif tag == "option" and self._select and "selected" in found:
            self.values[self._select] = found.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_post = False

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data


def form_body(page: str) -> dict[str, str]:
    """Return what submitting the page's POST form unchanged would send."""
    reader = _FormReader()
    reader.feed(page)
    body = reader.values
    body.pop("csrfmiddlewaretoken", None)
    return {name: value.removeprefix("\n") for name, value in body.items()}
