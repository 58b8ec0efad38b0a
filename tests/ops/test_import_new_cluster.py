"""import_events into a new PostgreSQL cluster, whose transaction ids start far below the data."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from sqlalchemy import create_engine

from tests.clusters import cluster
from tests.ops.backup_support import exported_to_stdout, manage, read_models, varied_store
from tests.projections.support import database_url
from tracker import bootstrap
from tracker.eventstore import NO_STREAM, EventStore, NewEvent, migrate
from tracker.eventstore.importing import import_events
from tracker.projections.rebuild import rebuild

pytestmark = pytest.mark.django_db(transaction=True)


def test_import_into_a_new_cluster_keeps_positions_and_later_appends_land_above_them(
    tmp_path: Path,
) -> None:
    """The clock is aligned: the rebuild sees every event, and a new append sorts after them."""
    varied_store()
    backup = tmp_path / "backup.jsonl"
    call_command("export_events", "--output", str(backup), "--no-progress")
    last = json.loads(backup.read_bytes().splitlines()[-1])["position"]
    rebuild(bootstrap.event_store())
    with cluster(like_url=migrate.libpq_url(database_url())) as owned:
        url = owned.create_database("restored")
        assert manage(url, "migrate_all", "--no-progress", "-v", "0").returncode == 0
        imported = manage(url, "import_events", str(backup), "--no-progress")
        assert imported.returncode == 0, imported.stderr
        assert exported_to_stdout(url) == backup.read_bytes()
        verified = manage(url, "verify_projections", "--no-progress")
        assert verified.returncode == 0, verified.stdout + verified.stderr
        assert read_models(url) == read_models(database_url())
        # The import itself aligns the clock before it commits, with no other command's help.
        engine = create_engine(migrate.sqlalchemy_url(owned.create_database("bare")))
        try:
            migrate.upgrade(engine)
            with open(backup, "rb") as lines:
                import_events(engine, lines)
            store = EventStore(engine)
            appended = store.append(
                uuid.uuid4(), "probe", [NewEvent("probed", {"n": 1})], expected_version=NO_STREAM
            )
            assert appended.positions[0] > last
            assert [event.event_type for event in store.read_all(after=last)] == ["probed"]
        finally:
            engine.dispose()
