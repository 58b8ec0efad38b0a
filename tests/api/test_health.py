"""GET /health tells the truth: lag in events and seconds, the leader's heartbeat, stalls."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.test import Client

from tests.projections.poison import story_with
from tests.projections.support import caught_up, wait_until
from tracker import bootstrap
from tracker.projections import projector

pytestmark = pytest.mark.django_db(transaction=True)


def test_waiting_events_show_as_lag_and_a_stall_answers_503(
    client: Client, settings: pytest.FixtureRequest
) -> None:
    """Events the projection has not applied are lag; past the stall time they answer 503."""
    settings.TRACKER_CATCH_UP_ON_WRITE = False  # type: ignore[attr-defined]
    settings.TRACKER_PROJECTION_STALL_SECONDS = 3600  # type: ignore[attr-defined]
    story_with(f"waiting-{uuid.uuid4().hex[:8]}")
    wait_until(lambda: bootstrap.event_store().last_position() > 0)
    response = client.get("/api/v1/health")
    projection = response.json()["projections"][0]
    assert response.status_code == 200 and response.json()["status"] == "ok"
    assert projection["lag"] > 0 and projection["lag_seconds"] >= 0
    assert projection["stalled"] is False

    settings.TRACKER_PROJECTION_STALL_SECONDS = 0  # type: ignore[attr-defined]
    response = client.get("/api/v1/health")
    assert response.status_code == 503
    assert response.json()["status"] == "stalled"
    assert response.json()["projections"][0]["stalled"] is True

    assert projector.catch_up(bootstrap.event_store(), position=projection["head"], timeout=60)
    wait_until(caught_up)
    response = client.get("/api/v1/health")
    assert response.status_code == 200, response.json()
    assert response.json()["projections"][0]["lag"] == 0


def test_a_leading_projector_shows_alive_with_its_heartbeat(client: Client) -> None:
    """While a projector leads, health names it alive with a fresh heartbeat; none before."""
    assert client.get("/api/v1/health").json()["projector"]["alive"] is False
    stop = threading.Event()
    worker = threading.Thread(
        target=projector.run, args=(bootstrap.event_store(),), kwargs={"stop": stop}
    )
    worker.start()
    try:
        wait_until(lambda: client.get("/api/v1/health").json()["projector"]["alive"], 30)
        leader = client.get("/api/v1/health").json()["projector"]
    finally:
        stop.set()
        worker.join(30)
    assert leader["worker"].endswith(worker.name) and leader["heartbeat_age"] < 10
    assert leader["leading_since"] is not None


def test_a_burst_of_probes_shares_one_recent_report(
    client: Client, settings: pytest.FixtureRequest
) -> None:
    """Within TRACKER_HEALTH_CACHE_MS a probe gets the last report; after it, a new one."""
    settings.TRACKER_CATCH_UP_ON_WRITE = False  # type: ignore[attr-defined]
    settings.TRACKER_HEALTH_CACHE_MS = 60_000  # type: ignore[attr-defined]
    first = client.get("/api/v1/health").json()["projections"][0]
    story_with(f"probed-{uuid.uuid4().hex[:8]}")
    wait_until(lambda: bootstrap.event_store().last_position() > first["head"])
    assert client.get("/api/v1/health").json()["projections"][0] == first  # the recent one
    settings.TRACKER_HEALTH_CACHE_MS = 0  # type: ignore[attr-defined]
    later = client.get("/api/v1/health").json()["projections"][0]
    assert later["head"] > first["head"] and later["lag"] > first["lag"]
