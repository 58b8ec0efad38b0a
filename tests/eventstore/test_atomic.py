"""Atomic multi-stream appends: every stream's events are stored, or none at all."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine

from tests.eventstore.conftest import events, stored_ids
from tracker.eventstore import (
    NO_STREAM,
    DuplicateEventId,
    EventStore,
    EventStoreError,
    StreamAppend,
    StreamTypeMismatch,
    VersionConflict,
)

# The test database (not the development one); the events table is never emptied.
pytestmark = pytest.mark.django_db


def test_a_development_and_a_new_actor_are_appended_together(store: EventStore) -> None:
    """Appending to a story and creating an actor in one call stores both."""
    story, actor = uuid.uuid4(), uuid.uuid4()
    store.append(story, "story", events(1), expected_version=NO_STREAM)
    results = store.append_many(
        [
            StreamAppend(story, "story", events(2), 1),
            StreamAppend(actor, "actor", events(1), NO_STREAM),
        ]
    )
    assert [(r.stream_id, r.first_version, r.last_version) for r in results] == [
        (story, 2, 3),
        (actor, 1, 1),
    ]
    assert (store.stream_version(story), store.stream_version(actor)) == (3, 1)


@pytest.mark.parametrize("failure", [VersionConflict, StreamTypeMismatch, DuplicateEventId])
def test_one_refused_stream_stores_nothing_at_all(
    store: EventStore, engine: Engine, failure: type[EventStoreError]
) -> None:
    """When one stream of a multi-stream append is refused, no stream gets any event."""
    story, actor = uuid.uuid4(), uuid.uuid4()
    store.append(story, "story", events(2), expected_version=NO_STREAM)
    fresh, refused = events(3), events(2)
    if failure is DuplicateEventId:  # the second stream reuses a stored id with a new body
        taken = store.read_stream(story)[0].event_id
        refused[1].event_id = taken
    stream_type = "actor" if failure is StreamTypeMismatch else "story"
    expected = 1 if failure is VersionConflict else 2
    with pytest.raises(failure):
        store.append_many(
            [
                StreamAppend(actor, "actor", fresh, NO_STREAM),
                StreamAppend(story, stream_type, refused, expected),
            ]
        )
    assert store.stream_version(actor) == 0
    assert store.read_stream(actor) == []
    assert store.stream_version(story) == 2
    new_ids = [e.event_id for e in fresh] + [refused[0].event_id]
    assert stored_ids(engine, new_ids) == set()


def test_a_stream_named_twice_in_one_append_is_refused(store: EventStore) -> None:
    """Two entries for one stream would race each other: the request is refused."""
    stream_id = uuid.uuid4()
    with pytest.raises(EventStoreError):
        store.append_many(
            [
                StreamAppend(stream_id, "story", events(1), NO_STREAM),
                StreamAppend(stream_id, "story", events(1), 1),
            ]
        )
