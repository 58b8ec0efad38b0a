"""A client times out, the server finishes anyway, the client retries with its Idempotency-Key."""

from __future__ import annotations

import http.client
import json
import time
import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.api.helpers import statement
from tests.api.live import call
from tracker.api import developments
from tracker.bootstrap import event_store

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def send_and_give_up(base: str, path: str, body: dict[str, Any], headers: dict[str, str]) -> None:
    """Send a POST and stop waiting for the answer after 0.3 s (a client time-out)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=0.3)
    try:
        connection.request("POST", path, json.dumps(body), headers)
        with pytest.raises(TimeoutError):
            connection.getresponse()
    finally:
        connection.close()


def test_retry_after_timeout_answers_the_first_result(
    live_url: str, live_write_token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The retry gets the same event id and position; the stream holds one development."""
    record = developments.development_record

    def slow_answer(**kwargs: Any) -> Any:
        result = record(**kwargs)  # stored and committed ...
        time.sleep(1.0)  # ... but the answer comes too late for the client
        return result

    auth = {"Authorization": f"Bearer {live_write_token}", "Content-Type": "application/json"}
    story = call(live_url, "POST", "/api/v1/stories", {"title": f"Retry {uuid.uuid4()}"}, auth)
    story_id = uuid.UUID(story.body["id"])
    path = f"/api/v1/stories/{story_id}/developments"
    headers = {**auth, "Idempotency-Key": f"retry-{uuid.uuid4()}"}
    monkeypatch.setattr(developments, "development_record", slow_answer)
    send_and_give_up(live_url, path, statement(), headers)
    deadline = time.monotonic() + 10
    while len(event_store().read_stream(story_id)) < 2:  # the server completes on its own
        assert time.monotonic() < deadline, "the first request never completed"
        time.sleep(0.05)
    [stored] = event_store().read_stream(story_id, from_version=2)
    monkeypatch.setattr(developments, "development_record", record)
    retry = call(live_url, "POST", path, statement(), headers)
    assert retry.status == 201
    assert retry.body["event_id"] == str(stored.event_id)
    assert retry.body["position"] == stored.position
    assert retry.headers.get("idempotent-replayed") == "true"
    assert len(event_store().read_stream(story_id)) == 2
