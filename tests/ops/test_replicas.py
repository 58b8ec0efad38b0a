"""Reads on a streaming replica: routing, lag, read-your-writes, a replica down or far behind.

The slow test serves the tracker on a PostgreSQL cluster it owns, with a real standby made
by `pg_basebackup -R`. Pausing the standby's replay makes its answers tell themselves apart:
an old version can only come from the standby, the new one only from the primary.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
import yaml

from tests import clusters
from tests.api.live import Answer, call
from tests.ops.test_compose import ROOT as COMPOSE_ROOT
from tests.ops.test_compose import services
from tests.projections.restarts import environment, manage
from tests.projections.support import ROOT, database_url, start_worker, wait_until
from tracker import config
from tracker.dbrouting import ReplicaRouter
from tracker.ops.read_your_writes import COOKIE, floor_of

API = "/api/v1"
FIGURE = {
    "type": "figure", "summary": "Trade", "occurred_at": "2024", "source": {"outlet": "Stats"},
    "metric": "Trade volume", "value": "1", "unit": "USD", "period": "2000",
}  # fmt: skip
CHOOSE = "import django; django.setup(); from tracker.ops import replicas; print(replicas.choose())"


def test_replica_urls_become_database_entries_with_the_primarys_connection_habits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each URL of DATABASE_REPLICA_URLS is an entry keeping the primary's timeout and pool."""
    monkeypatch.setenv("DATABASE_REPLICA_URLS", " postgresql://r@one/db , postgresql://r@two/db")
    primary = config.django_database("postgresql://p@main/db")
    primary["OPTIONS"].update(connect_timeout="2", pool={"max_size": 4})
    primary["CONN_MAX_AGE"], primary["CONN_HEALTH_CHECKS"] = 0, False
    entries = [config.replica_database(url, primary) for url in config.replica_urls()]
    assert [entry["HOST"] for entry in entries] == ["one", "two"]
    assert entries[0]["OPTIONS"] == {"connect_timeout": "2", "pool": {"max_size": 4}}
    assert entries[0]["OPTIONS"]["pool"] is not primary["OPTIONS"]["pool"]
    assert entries[0]["CONN_MAX_AGE"] == 0 and entries[0]["CONN_HEALTH_CHECKS"] is False
    assert entries[0]["TEST"] == {"MIRROR": "default"}


def test_outside_a_read_scope_the_router_keeps_everything_on_the_primary() -> None:
    """Reads, writes and migrations go to the primary unless a selector read chose a replica."""
    router = ReplicaRouter()
    assert router.db_for_read(object) == router.db_for_write(object) == "default"
    assert router.allow_migrate("default", "projections") is True
    assert router.allow_migrate("replica_0", "projections") is False


def test_a_position_cookie_that_is_not_a_number_asks_for_nothing() -> None:
    """Garbage, signs, and numbers past 64 bits in the cookie are read as no position."""
    assert [floor_of(v) for v in (None, "", "-5", "1e9", "abc", "9" * 30)] == [0] * 6
    assert floor_of("1234") == 1234


def test_compose_starts_a_standby_from_a_base_backup_and_reads_go_to_it() -> None:
    """The replica service copies db with pg_basebackup -R; web names it; db lets it replicate."""
    all_services = services()
    replica = all_services["replica"]
    script = " ".join(replica["command"])
    assert "pg_basebackup" in script and " -R" in script and "-h db" in script
    assert "exec postgres" in script and replica["depends_on"]["db"]
    hba = all_services["db"]["configs"][0]
    assert hba["target"].startswith("/docker-entrypoint-initdb.d/") and hba["target"].endswith(
        ".sh"
    )
    web = all_services["web"]["environment"]
    assert "@replica:5432/tracker" in web["DATABASE_REPLICA_URLS"]
    assert all_services["projector"]["environment"]["DATABASE_REPLICA_URLS"] == ""
    assert "host replication" in services_file()["configs"]["allow-replication"]["content"]


def services_file() -> dict[str, Any]:
    """Return the whole compose file."""
    return yaml.safe_load((COMPOSE_ROOT / "docker-compose.yml").read_text())


@pytest.fixture
def owned() -> Iterator[clusters.Cluster]:
    """Return a PostgreSQL cluster of the test server's version, holding a migrated tracker."""
    with clusters.cluster(like_url=database_url()) as cluster:
        manage(cluster.create_database("tracker"), "migrate_all", "--no-progress")
        yield cluster


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_reads_go_to_the_standby_and_read_your_writes_holds_across_its_lag(
    owned: clusters.Cluster,
) -> None:
    """Paused, the standby answers plain reads; reads at a client's write wait, then the primary."""
    primary_url = owned.url("tracker")
    token = manage(primary_url, "create_token", "--name", "t", "--scope", "write").stdout.strip()
    with clusters.standby(owned) as standby:
        replica_url = standby.url("tracker")
        port = clusters.free_port()
        env = {
            **environment(primary_url),
            "DATABASE_REPLICA_URLS": replica_url,
            "TRACKER_CATCH_UP_ON_WRITE": "true",
            "TRACKER_SSL_REDIRECT": "false",
            "TRACKER_REPLICA_MAX_LAG_SECONDS": "3600",  # paused, it still serves
            "TRACKER_REPLICA_WAIT_MS": "300",
        }
        command = ["serve", "--port", str(port), "--stream-port", "0", "--workers", "1"]
        server = start_worker(command=command, env=env)
        base, auth = f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {token}"}
        try:
            wait_until(lambda: _status(base, f"{API}/health") == 200, 60, server)
            opened = call(base, "POST", f"{API}/stories", {"title": "R", "slug": "r"}, auth)
            assert opened.status == 201, opened.body
            assert f"{COOKIE}={opened.body['position']}" in opened.headers["set-cookie"]
            wait_until(lambda: _checkpoint(replica_url) >= opened.body["position"], 60, server)
            _pause(replica_url)
            first = _develop(base, auth)  # the primary has version 2; the standby stays at 1
            assert _checkpoint(replica_url) < first

            # Routing: plain reads (the fast path and Django's) answer the standby's state.
            assert _get(base, "/stories/r").body["version"] == 1
            assert _get(base, "/stories/r/timeline").body["items"] == []
            assert _get(base, "/stories").body["items"][0]["version"] == 1
            # Lag: at the write's position the standby is waited for, then the primary answers.
            assert _get(base, f"/stories/r?min_position={first}").body["version"] == 2
            assert len(_get(base, f"/stories/r/timeline?min_position={first}").body["items"]) == 1
            # Read-your-writes by the cookie the write set: the fast path and Django's.
            mine = {"Cookie": f"{COOKIE}={first}"}
            assert _get(base, "/stories/r", mine).body["version"] == 2
            assert len(_get(base, "/stories/r/timeline", mine).body["items"]) == 1
            actor = call(base, "POST", f"{API}/actors", {"name": "Ann", "kind": "person"}, auth)
            path = f"/actors/{actor.body['id']}"
            assert _get(base, path).status == 404  # not replayed by the standby yet
            assert _get(base, path, {"Cookie": f"{COOKIE}={actor.body['position']}"}).status == 200

            # Replayed that far, the standby answers the client, though the primary moved on.
            _resume(replica_url)
            wait_until(lambda: _checkpoint(replica_url) >= actor.body["position"], 60, server)
            _pause(replica_url)
            _develop(base, auth)  # someone else's write: version 3 on the primary only
            assert _get(base, "/stories/r", mine).body["version"] == 2
            assert len(_get(base, f"/stories/r/timeline?min_position={first}").body["items"]) == 1

            # Far behind (any lag counts when the bound is 0) or down: the primary answers.
            wait_until(lambda: _received_unreplayed(replica_url), 60, server)
            assert _choose(env, "3600") == "replica_0"
            assert _choose(env, "0") == "default"
            standby.stop()
            assert _choose(env, "3600") == "default"
            for read in ("/stories/r", "/stories/r/timeline", "/stories", path):
                assert _get(base, read).status == 200, read
            assert _get(base, "/stories/r").body["version"] == 3
        finally:
            server.process.send_signal(signal.SIGTERM)
            server.process.wait(40)


def _get(base: str, path: str, headers: dict[str, str] | None = None) -> Answer:
    """GET an API path; fail on anything but 200 or 404."""
    answer = call(base, "GET", f"{API}{path}", headers=headers)
    assert answer.status in (200, 404), (path, answer.status, answer.body)
    return answer


def _develop(base: str, auth: dict[str, str]) -> int:
    """Record a figure in story r; return the write's position."""
    answer = call(base, "POST", f"{API}/stories/r/developments", FIGURE, auth)
    assert answer.status == 201, answer.body
    return int(answer.body["position"])


def _status(base: str, path: str) -> int:
    """Return the status of GET `path`, 0 while nothing answers."""
    try:
        return call(base, "GET", path, timeout=5).status
    except OSError:
        return 0


def _query(url: str, sql: str) -> Any:
    """Return the first column of the first row of `sql` on `url`."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(sql.encode()).fetchone()
    return row[0] if row else None


def _checkpoint(url: str) -> int:
    """Return the stories projection's checkpoint on the server at `url`."""
    return int(
        _query(url, "SELECT position FROM projections_checkpoint WHERE name = 'stories'") or 0
    )


def _pause(url: str) -> None:
    """Pause the standby's replay and wait until it is paused."""
    _query(url, "SELECT pg_wal_replay_pause()")
    wait_until(lambda: _query(url, "SELECT pg_get_wal_replay_pause_state()") == "paused", 30)


def _resume(url: str) -> None:
    """Let the standby replay again."""
    _query(url, "SELECT pg_wal_replay_resume()")


def _received_unreplayed(url: str) -> bool:
    """Return whether the standby holds WAL it has not replayed."""
    return bool(_query(url, "SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()"))


def _choose(env: dict[str, str], max_lag: str) -> str:
    """Return the database a fresh tracker process reads from, with that lag bound (s)."""
    result = subprocess.run(
        [sys.executable, "-c", CHOOSE],
        cwd=ROOT,
        env={**env, "TRACKER_REPLICA_MAX_LAG_SECONDS": max_lag},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]
