"""What a write must leave behind: on a refusal the store as it was, on success projected rows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.test import Client
from sqlalchemy import func, select

from tests.api.conftest import bearer
from tracker.bootstrap import engine, event_store
from tracker.eventstore.schema import events
from tracker.projections import failures, projector


@dataclass(frozen=True)
class Stored:
    """What the store holds: its count of events and one stream's version."""

    events: int
    version: int


def stored(stream_id: UUID | None) -> Stored:
    """Return the event count and the version of a stream (0 for none)."""
    with engine().connect() as connection:
        count = connection.execute(select(func.count()).select_from(events)).scalar_one()
    version = event_store().stream_version(stream_id) if stream_id else 0
    return Stored(count, version)


def send(client: Client, path: str, body: Any, token: str, media_type: str) -> Any:
    """POST a body as JSON (surrogates escaped, NaN as NaN) with the given Content-Type."""
    return client.generic(
        "POST", f"/api/v1{path}", json.dumps(body), content_type=media_type, **bearer(token)
    )


def assert_refused_or_stored(response: Any, before: Stored, after: Stored) -> None:
    """Check: never a 5xx; an error has the JSON shape and stored nothing."""
    assert response.status_code < 500, response.content[:500]
    if response.status_code >= 400:
        body = response.json()
        assert isinstance(body["code"], str) and body["code"], body
        assert isinstance(body["detail"], str) and body["detail"], body
        assert after == before, (response.status_code, body)
    else:
        assert after.events > before.events
        assert_projected(response)


def assert_projected(response: Any) -> None:
    """Check that the read models applied a write and its stream is not stuck at it.

    A write the read models cannot hold would be stored and then stop its stream's projection
    (answered with X-Projection-Pending); waiting here keeps a slow machine from looking so.
    """
    body = response.json()
    for _ in range(10):
        if projector.catch_up(event_store(), position=body["position"], timeout=3.0):
            break
    else:
        raise AssertionError(f"the read models did not reach position {body['position']}")
    stream = UUID(body.get("story_id") or body["id"])
    assert failures.stuck_one(stream) is None, failures.stuck_one(stream)
