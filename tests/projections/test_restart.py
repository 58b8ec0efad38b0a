"""The projector (run_projector, and serve's thread) survives a PostgreSQL restart."""

from __future__ import annotations

import signal
import uuid
from collections.abc import Iterator

import pytest

from tests import clusters
from tests.projections.restarts import manage, start, version, write
from tests.projections.support import database_url, wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def owned() -> Iterator[clusters.Cluster]:
    """Return a PostgreSQL cluster of the test server's version that this test may restart."""
    with clusters.cluster(like_url=database_url()) as cluster:
        yield cluster


@pytest.mark.parametrize("kind", ["run_projector", "serve"])
def test_the_projector_survives_a_restart_and_applies_later_writes(
    owned: clusters.Cluster, kind: str
) -> None:
    """After a restart, writes of another process reach the read model; one log line each way."""
    url = owned.create_database("tracker")
    manage(url, "migrate_all")
    worker = start(url, kind, clusters.free_port())
    try:
        wait_until(lambda: any("projector: leading" in line for line in worker.lines), 60, worker)
        write(url, "before", 3)
        write(url, "poisoned", 1, poison=True)
        wait_until(lambda: version(url, "before") == 4, 60, worker)
        owned.restart()
        write(url, "after", 2)
        write(url, "before", 1)
        wait_until(lambda: version(url, "after") == 3 and version(url, "before") == 5, 120, worker)
        assert worker.process.poll() is None, worker.lines[-20:]
    finally:
        worker.process.send_signal(signal.SIGTERM)
        code = worker.process.wait(30)
    lines = worker.lines
    assert sum("projector: cannot apply events" in line for line in lines) == 1, lines
    assert sum("projector: recovered" in line for line in lines) == 1, lines
    assert sum("projector: leading" in line for line in lines) == 2, lines
    assert code == 0 or kind == "serve", lines  # uvicorn answers SIGTERM its own way
    assert version(url, "poisoned") == 2  # opened and one good figure; the 1e24 one stuck
    verified = manage(url, "verify_projections", "--no-progress", check=False)
    assert verified.returncode != 0 and "stuck" in verified.stderr
    assert str(uuid.uuid5(_story_namespace(), "poisoned")) in verified.stdout


def _story_namespace() -> uuid.UUID:
    from tracker.services.streams import STORY_NAMESPACE

    return STORY_NAMESPACE
