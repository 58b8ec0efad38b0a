"""Development endpoints: record, correct, retract; If-Match and Idempotency-Key."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client

from tests.api.helpers import get, new_story, post, statement
from tracker.bootstrap import event_store

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def story(client: Client, write_token: str) -> dict[str, Any]:
    """Return a fresh story's 201 body."""
    return new_story(client, write_token)


def test_record_answers_201(client: Client, write_token: str, story: dict[str, Any]) -> None:
    """POST a development answers {event_id, story_id, version, position, actors_registered}."""
    response = post(client, f"/stories/{story['id']}/developments", statement(), write_token)
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"event_id", "story_id", "version", "position", "actors_registered"}
    assert body["story_id"] == story["id"] and body["version"] == 2
    assert body["position"] > story["position"] and response["ETag"] == '"2"'


def test_if_match_accepts_the_current_version(
    client: Client, write_token: str, story: dict[str, Any]
) -> None:
    """If-Match "1" and 2 (quoted or not) succeed while the story is at that version."""
    path = f"/stories/{story['slug']}/developments"
    assert post(client, path, statement(), write_token, HTTP_IF_MATCH='"1"').status_code == 201
    assert post(client, path, statement(), write_token, HTTP_IF_MATCH="2").status_code == 201


def test_stale_if_match_is_409_with_current_version(
    client: Client, write_token: str, story: dict[str, Any]
) -> None:
    """If-Match of an older version answers 409 version_conflict and stores nothing."""
    path = f"/stories/{story['id']}/developments"
    post(client, path, statement(), write_token)
    before = event_store().last_position()
    response = post(client, path, statement(), write_token, HTTP_IF_MATCH='"1"')
    assert response.status_code == 409
    assert response.json()["code"] == "version_conflict"
    assert response.json()["current_version"] == 2
    assert event_store().last_position() == before


def test_unknown_type_and_bad_fields_are_422(
    client: Client, write_token: str, story: dict[str, Any]
) -> None:
    """The domain validates the body: unknown types and bad fields answer 422 with fields."""
    path = f"/stories/{story['id']}/developments"
    unknown = post(client, path, {**statement(), "type": "coup"}, write_token)
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "type"
    bad = post(client, path, {**statement(), "occurred_at": "yesterday"}, write_token)
    assert bad.status_code == 422 and bad.json()["code"] == "validation_error"
    assert any(e["field"] == "occurred_at" for e in bad.json()["errors"])
    not_object = post(client, path, ["statement"], write_token)
    assert not_object.status_code == 422


def test_correct_and_retract(client: Client, write_token: str, story: dict[str, Any]) -> None:
    """A correction and a retraction answer 201 and mark the development in the timeline."""
    path = f"/stories/{story['id']}/developments"
    first = post(client, path, statement("Original"), write_token).json()
    target = f"{path}/{first['event_id']}"
    correction = {"changes": {"summary": "Corrected"}, "reason": "typo"}
    corrected = post(client, f"{target}/correction", correction, write_token)
    assert corrected.status_code == 201 and corrected.json()["version"] == 3
    [view] = get(client, f"/stories/{story['id']}/timeline").json()["items"]
    assert view["summary"] == "Corrected" and view["status"] == "corrected"
    retracted = post(client, f"{target}/retraction", {"reason": "false report"}, write_token)
    assert retracted.status_code == 201
    [view] = get(client, f"/stories/{story['id']}/timeline").json()["items"]
    assert view["status"] == "retracted"


def test_correcting_an_unknown_development_is_404(
    client: Client, write_token: str, story: dict[str, Any]
) -> None:
    """A correction of an event id that is no development of the story answers 404."""
    path = f"/stories/{story['id']}/developments/{uuid.uuid4()}/correction"
    response = post(client, path, {"changes": {"summary": "x"}, "reason": "r"}, write_token)
    assert response.status_code == 404


def test_idempotency_key_replays_the_first_result(
    client: Client, write_token: str, story: dict[str, Any]
) -> None:
    """The same key and body answer the same event; another body is 409 idempotency_mismatch."""
    path = f"/stories/{story['id']}/developments"
    key = f"key-{uuid.uuid4()}"
    first = post(client, path, statement(), write_token, HTTP_IDEMPOTENCY_KEY=key)
    before = event_store().last_position()
    again = post(client, path, statement(), write_token, HTTP_IDEMPOTENCY_KEY=key)
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert event_store().last_position() == before
    other = post(client, path, statement("Other"), write_token, HTTP_IDEMPOTENCY_KEY=key)
    assert other.status_code == 409 and other.json()["code"] == "idempotency_mismatch"
