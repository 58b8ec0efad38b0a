"""The fast story read is planned once per connection; Django's statements are never prepared."""

from __future__ import annotations

import psycopg
import pytest

from tests.projections.support import database_url
from tracker.api.prepared import prepared_run
from tracker.services.selectors import documents
from tracker.services.stories import story_open

pytestmark = pytest.mark.django_db(transaction=True)


def prepared(conn: psycopg.Connection) -> list[str]:
    """Return the statements prepared on this connection's session."""
    return [row[0] for row in conn.execute("SELECT statement FROM pg_prepared_statements")]


def test_story_read_is_prepared_once_and_other_statements_never() -> None:
    """On a connection set up as Django's, the story read is prepared once, nothing else is."""
    story = story_open(title="Prepared reads", recorded_by={})
    with psycopg.connect(
        database_url(), autocommit=True, prepare_threshold=None, cursor_factory=psycopg.ClientCursor
    ) as conn:
        answers = [
            documents.story_stored(story.stream_id, lambda sql, p: prepared_run(conn, sql, p))
            for _ in range(3)
        ]
        assert answers[0] == documents.story_stored(story.stream_id)
        assert answers[0] == answers[2] and answers[0] is not None
        assert [s for s in prepared(conn) if "projections_storyview" in s] and len(
            prepared(conn)
        ) == 1
        for n in range(10):  # what Django runs on the same pooled connection
            conn.execute("SELECT %s::int + 1", [n]).fetchone()
        assert len(prepared(conn)) == 1
