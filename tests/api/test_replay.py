"""Replay of the sample story through the API: by version, as known at T, as happened by T."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from tests.api.helpers import get
from tracker.bootstrap import event_store
from tracker.services.sample import sample_load

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "us-russia-sanctions-talks"


@pytest.fixture
def sample() -> None:
    """Load the sample story (idempotent: events persist across tests)."""
    sample_load()


def state(client: Client, query: str = "") -> dict[str, Any]:
    """Return GET /stories/{sample}?query as JSON, checking it answered 200."""
    response = get(client, f"/stories/{SLUG}?{query}")
    assert response.status_code == 200, response.content
    return dict(response.json())


def test_replay_by_version(client: Client, sample: None) -> None:
    """version=1 is the opened story; version=3 has two developments; now has them all."""
    now = state(client)
    opened = state(client, "version=1")
    assert opened["version"] == 1 and opened["developments"] == 0 and opened["visits"] == []
    assert opened["title"] == now["title"]
    early = state(client, "version=3")
    assert early["version"] == 3 and early["developments"] == 2
    assert len(early["visits"]) == 1 and len(early["sanctions_requests"]) == 1
    assert now["developments"] == 10 and now["version"] >= 11
    timeline = get(client, f"/stories/{SLUG}/timeline?version=3").json()["items"]
    assert [item["type"] for item in timeline] == ["sanctions_request", "visit"]  # 2025-04 first


def test_replay_as_happened_by(client: Client, sample: None) -> None:
    """basis=occurred before 2024 knows only the 2021 trade figure, as known now."""
    then = state(client, "as_of=2022-01-01T00:00:00Z&basis=occurred")
    assert then["developments"] == 1
    [figure] = then["figures"]
    assert [point["period"] for point in figure["series"]] == ["2021"]


def test_replay_as_known_at(client: Client, sample: None) -> None:
    """basis=recorded just after the story opened knows no development yet."""
    [opened] = event_store().read_stream(uuid.UUID(state(client)["id"]), to_version=1)
    moment = (opened.recorded_at + timedelta(microseconds=1)).astimezone(UTC)
    known = state(client, f"as_of={moment.isoformat().replace('+00:00', 'Z')}")
    assert known["version"] == 1 and known["developments"] == 0
    later = state(client, f"as_of={datetime.now(UTC).isoformat().replace('+00:00', 'Z')}")
    assert later["developments"] == state(client)["developments"]


def test_replay_before_the_story_existed(client: Client, sample: None) -> None:
    """Before the story was opened there is no state (404) and no development in the timeline."""
    assert get(client, f"/stories/{SLUG}?version=0").status_code == 422
    before = get(client, f"/stories/{SLUG}?as_of=2000-01-01T00:00:00Z")
    assert before.status_code == 404 and before.json()["code"] == "not_found"
    timeline = get(client, f"/stories/{SLUG}/timeline?as_of=2000-01-01T00:00:00Z")
    assert timeline.status_code == 200 and timeline.json()["items"] == []
    occurred = state(client, "as_of=1990-01-01&basis=occurred")
    assert occurred["developments"] == 0 and occurred["version"] >= 1


@pytest.mark.parametrize(
    "path",
    [
        "?as_of=0001-01-01T00:00:00Z",
        "?as_of=9999-12-31T23:59:59Z&basis=occurred",
        "?as_of=9999-12-31T23:59:59-12:00",
        "?version=2147483647",
        "?min_position=9223372036854775807",
        "/timeline?version=2147483647",
        "/timeline?as_of=0001-01-01T00:00:00%2B14:00",
        "/events?after_version=2147483646&limit=1000",
        "/changes?since=9999-12-31T23:59:59Z",
        "/changes?since_version=2147483647",
    ],
)
def test_extreme_parameters_never_fail(client: Client, sample: None, path: str) -> None:
    """Edge values of every replay parameter answer 2xx or 4xx, never 5xx."""
    response = get(client, f"/stories/{SLUG}{path}")
    assert response.status_code < 500, response.content
