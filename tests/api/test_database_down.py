"""A served tracker whose PostgreSQL stops answers 503 at once, and serves again once it is back."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator

import pytest

from tests import clusters
from tests.api.live import Answer, call
from tests.projections.restarts import environment, manage
from tests.projections.support import database_url, start_worker, wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PATHS = (
    "/api/v1/stories/down-test",  # the fast path, before Django
    "/api/v1/stories/down-test/timeline",
    "/api/v1/events?after=0",
    "/api/v1/actors?q=x",
)


@pytest.fixture
def owned() -> Iterator[clusters.Cluster]:
    """Return a PostgreSQL cluster of the test server's version that this test may stop."""
    with clusters.cluster(like_url=database_url()) as cluster:
        yield cluster


def timed(base: str, path: str) -> tuple[Answer, float]:
    """GET `path`; return the answer and how long it took (s)."""
    started = time.monotonic()
    answer = call(base, "GET", path, timeout=15)
    return answer, time.monotonic() - started


def test_every_endpoint_fails_fast_while_the_database_is_down(owned: clusters.Cluster) -> None:
    """Stopped: each read answers 503 database_unavailable with Retry-After; restarted: 200."""
    url = owned.create_database("tracker")
    manage(url, "migrate_all", "--no-progress")
    manage(url, "shell", "-c", "from tracker.services.stories import story_open; "
           "story_open(title='Down test', slug='down-test', recorded_by={})")  # fmt: skip
    port = clusters.free_port()
    env = {**environment(url), "TRACKER_SSL_REDIRECT": "false", "TRACKER_DB_POOL": "true"}
    command = ["serve", "--port", str(port), "--stream-port", "0", "--workers", "1"]
    server = start_worker(command=command, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(base, PATHS[0]) == 200, 60, server)
        owned.stop()
        for path in PATHS:
            answer, took = timed(base, path)
            assert answer.status == 503, (path, answer.body)
            assert answer.body["code"] == "database_unavailable", path
            assert answer.headers["retry-after"] == "1"
            assert took < 3.0, (path, took)  # about a second: no 10 s hang
        health, _ = timed(base, "/api/v1/health")
        assert health.status == 503 and health.body["code"] == "database_unavailable"
        owned.start()
        wait_until(lambda: all(_answers(base, path) == 200 for path in PATHS), 60, server)
    finally:
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(40)


def _answers(base: str, path: str) -> int:
    """Return the status of GET `path`, 0 when the server does not answer at all."""
    try:
        return call(base, "GET", path, timeout=5).status
    except OSError:
        return 0
