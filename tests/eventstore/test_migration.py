"""The Alembic migration: builds exactly schema.py's table, and goes down and up again."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from tracker.eventstore import migrate
from tracker.eventstore.migrate import include_name
from tracker.eventstore.schema import metadata

# The test database (not the development one); the events table is never emptied.
pytestmark = pytest.mark.django_db

TRIGGERS = {"events_refuse_update", "events_refuse_delete", "events_refuse_truncate"}


def triggers(engine: Engine) -> set[str]:
    """Return the names of the triggers on events that fire always (even in replica mode)."""
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT tgname FROM pg_trigger"
                " WHERE tgrelid = 'events'::regclass AND tgenabled = 'A'"
            )
        )
        return {row[0] for row in rows}


def differences(engine: Engine) -> list[object]:
    """Return what Alembic finds different between the database and schema.py."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        return compare_metadata(context, metadata)


def test_the_migrated_test_database_matches_the_schema(engine: Engine) -> None:
    """The test database, migrated at session start, has exactly schema.py's table."""
    assert differences(engine) == []
    assert triggers(engine) == TRIGGERS


def test_the_migration_upgrades_downgrades_and_upgrades_an_empty_database(
    scratch: Engine,
) -> None:
    """Upgrade builds the table and triggers; downgrade to base removes all; upgrade again."""
    migrate.upgrade(scratch)
    assert differences(scratch) == []
    assert triggers(scratch) == TRIGGERS
    migrate.downgrade(scratch, "base")
    assert not inspect(scratch).has_table("events")
    with scratch.connect() as connection:
        function = "SELECT count(*) FROM pg_proc WHERE proname = 'events_refuse_change'"
        assert connection.execute(text(function)).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 0
    migrate.upgrade(scratch)
    assert differences(scratch) == []
    with scratch.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
        )
