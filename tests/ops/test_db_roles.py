"""Least privilege: the application's role appends and reads events, and nothing else."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import Engine, create_engine, text

from tests.projections.support import database_url
from tracker.eventstore import EventStore, NewEvent
from tracker.eventstore.migrate import sqlalchemy_url
from tracker.eventstore.model import ANY
from tracker.ops.db_roles import checked_role, ensure_app_role, grant_app_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def app_url(engine: Engine) -> Iterator[str]:
    """Yield a URL to the test database as a new application role, granted as migrate_all does."""
    role = f"tracker_app_{uuid.uuid4().hex[:8]}"
    with engine.begin() as connection:
        assert ensure_app_role(connection, role, "s3cret:'pass")
        assert not ensure_app_role(connection, role, "s3cret:'pass")  # exists: password reset
        grant_app_role(connection, role)
    owner = database_url()
    scheme, _, rest = owner.partition("://")
    yield f"{scheme}://{role}:s3cret%3A%27pass@{rest.partition('@')[2]}"
    with engine.begin() as connection:
        connection.execute(text(f"DROP OWNED BY {role}"))
        connection.execute(text(f"DROP ROLE {role}"))


REFUSED = [
    "UPDATE events SET data = '{}' WHERE position = (SELECT min(position) FROM events)",
    "DELETE FROM events WHERE position = (SELECT min(position) FROM events)",
    "TRUNCATE events",
    "ALTER TABLE events DISABLE TRIGGER ALL",
    "ALTER TABLE events DISABLE TRIGGER events_refuse_update",
    "DROP TABLE events",
    "UPDATE events_clock SET xid_offset = 0",
    "DROP TRIGGER events_refuse_update ON events",
    "ALTER FUNCTION events_align_positions() OWNER TO CURRENT_USER",
]


@pytest.mark.parametrize("statement", REFUSED)
def test_the_app_role_cannot_change_or_unguard_events(app_url: str, statement: str) -> None:
    """Each statement that could rewrite history is refused to the application's role."""
    EventStore(create_engine(sqlalchemy_url(database_url()))).append(
        uuid.uuid4(), "story", [NewEvent("noted", {})], expected_version=ANY
    )
    with (
        psycopg.connect(app_url, autocommit=True) as conn,
        pytest.raises(errors.InsufficientPrivilege),
    ):
        conn.execute(statement.encode())


def test_the_app_role_appends_reads_and_aligns(app_url: str) -> None:
    """Through the real store the application's role appends, reads back and aligns the clock."""
    engine = create_engine(sqlalchemy_url(app_url))
    store = EventStore(engine)
    stream = uuid.uuid4()
    store.append(stream, "story", [NewEvent("noted", {"n": 1})], expected_version=ANY)
    assert [event.data for event in store.read_stream(stream)] == [{"n": 1}]
    with engine.begin() as connection:
        connection.execute(text("SELECT events_align_positions()"))
        connection.execute(text("SELECT count(*) FROM projections_checkpoint"))
    engine.dispose()


def test_role_names_must_be_plain_identifiers() -> None:
    """A role name that would need quoting (or inject SQL) is refused before any statement."""
    for bad in ("Tracker", "app; DROP TABLE events", "", "x" * 64):
        with pytest.raises(ValueError):
            checked_role(bad)
