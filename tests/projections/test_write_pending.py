"""A write is answered once it is durable: a failed catch-up marks it pending, never a 500."""

from __future__ import annotations

import uuid

import django.db
import pytest
from django.test import Client

from tests.api.helpers import get, new_story, post, statement
from tests.projections.support import batch_lock_held
from tracker import bootstrap
from tracker.api.tokens import token_create
from tracker.projections import projector
from tracker.services import writes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def write_token() -> str:
    """Return a committed write token."""
    return token_create(name=f"write-{uuid.uuid4().hex[:10]}", scope="write")


def test_a_write_whose_catch_up_fails_is_201_and_says_it_is_pending(
    client: Client, write_token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database error during the catch-up: 201, X-Projection-Pending names the position."""
    slug = new_story(client, write_token)["slug"]

    def fail(*args: object, **kwargs: object) -> int:
        raise django.db.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(projector, "apply_batch", fail)
    response = post(client, f"/stories/{slug}/developments", statement("Stored"), write_token)
    assert response.status_code == 201
    body = response.json()
    assert response["X-Projection-Pending"] == str(body["position"])
    stored = bootstrap.event_store().read_stream(body["story_id"])
    assert stored[-1].event_id.hex == body["event_id"].replace("-", "")
    monkeypatch.undo()
    state = get(client, f"/stories/{slug}?min_position={body['position']}")
    assert state.status_code == 200 and state.json()["version"] == body["version"]


def test_a_write_whose_catch_up_times_out_is_201_and_says_it_is_pending(
    client: Client, write_token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read models cannot be brought up in time: 201 with the pending position."""
    slug = new_story(client, write_token)["slug"]
    monkeypatch.setattr(writes, "CATCH_UP_SECONDS", 0.2)
    with batch_lock_held():
        response = post(client, f"/stories/{slug}/developments", statement("Later"), write_token)
    assert response.status_code == 201
    assert response["X-Projection-Pending"] == str(response.json()["position"])


def test_a_write_that_catches_up_carries_no_pending_header(
    client: Client, write_token: str
) -> None:
    """When the read models show the write, the answer has no X-Projection-Pending."""
    slug = new_story(client, write_token)["slug"]
    response = post(client, f"/stories/{slug}/developments", statement("Shown"), write_token)
    assert response.status_code == 201 and "X-Projection-Pending" not in response
