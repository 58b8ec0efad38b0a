"""Write bodies must be declared as JSON: anything else is 415 and stores nothing."""

from __future__ import annotations

import json
import uuid

import pytest
from django.test import Client

from tests.api.conftest import bearer
from tests.api.helpers import new_story, post, statement
from tests.api.refusals import stored

pytestmark = pytest.mark.django_db(transaction=True)

NOT_JSON = [
    "text/plain",
    "",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/json; charset=latin-1",
    "application/merge-patch+json",
]


def write_paths(client: Client, token: str) -> list[tuple[str, dict[str, object]]]:
    """Return every write endpoint with a body it would accept."""
    story = new_story(client, token)["id"]
    event = post(client, f"/stories/{story}/developments", statement(), token).json()["event_id"]
    actor = post(client, "/actors", {"name": f"A {uuid.uuid4()}", "kind": "person"}, token).json()
    other = post(client, "/actors", {"name": f"B {uuid.uuid4()}", "kind": "person"}, token).json()
    base = f"/stories/{story}/developments"
    return [
        ("/stories", {"title": f"Media {uuid.uuid4()}"}),
        (base, statement()),
        (f"{base}/{event}/correction", {"changes": {"summary": "New"}, "reason": "typo"}),
        (f"{base}/{event}/retraction", {"reason": "wrong"}),
        ("/actors", {"name": f"C {uuid.uuid4()}", "kind": "person"}),
        (f"/actors/{actor['id']}/aliases", {"name": f"D {uuid.uuid4()}"}),
        (f"/actors/{actor['id']}/merge", {"into": other["id"]}),
    ]


def test_bodies_not_declared_as_json_are_415(client: Client, write_token: str) -> None:
    """Every write endpoint answers 415 unsupported_media_type for a body sent as another media
    type, or with no Content-Type, and stores nothing; the same body as JSON is written."""
    for path, body in write_paths(client, write_token):
        for media_type in NOT_JSON:
            before = stored(None)
            response = client.generic(
                "POST",
                f"/api/v1{path}",
                json.dumps(body),
                content_type=media_type,
                **bearer(write_token),
            )
            assert response.status_code == 415, (path, media_type, response.content)
            answer = response.json()
            assert answer["code"] == "unsupported_media_type" and answer["detail"]
            assert stored(None) == before
        response = post(
            client, path, body, write_token, CONTENT_TYPE="application/json; charset=UTF-8"
        )
        assert response.status_code in (200, 201), (path, response.content)


def test_an_unauthenticated_write_is_401_before_its_media_type(client: Client) -> None:
    """Without a token a write is 401, whatever its body is declared as."""
    response = client.generic("POST", "/api/v1/stories", "x", content_type="text/plain")
    assert response.status_code == 401
