"""Request helpers and sample bodies shared by the API tests (Django test client)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.test import Client

from tests.api.conftest import bearer


def post(client: Client, path: str, body: Any, token: str, **headers: str) -> Any:
    """POST a JSON body to /api/v1 with a bearer token; return the response."""
    return client.post(
        f"/api/v1{path}",
        json.dumps(body),
        content_type="application/json",
        **bearer(token),
        **headers,
    )


def get(client: Client, path: str, **headers: str) -> Any:
    """GET /api/v1 (reads are public in tests); return the response."""
    return client.get(f"/api/v1{path}", **headers)


def statement(summary: str = "A statement", speaker: str = "Test Speaker") -> dict[str, Any]:
    """Return a valid statement development."""
    return {
        "type": "statement",
        "occurred_at": "2025-04-02",
        "reported_at": "2025-04-03T08:15:00Z",
        "summary": summary,
        "source": {"outlet": "Test Wire", "url": "https://example.org/a", "language": "en"},
        "speaker": {"name": speaker},
        "content": "We will see.",
    }


def new_story(client: Client, token: str, **fields: Any) -> dict[str, Any]:
    """Open a story with a unique title through the API; return the 201 body."""
    body = {"title": f"Story {uuid.uuid4().hex[:10]}", **fields}
    response = post(client, "/stories", body, token)
    assert response.status_code == 201, response.content
    return dict(response.json())
