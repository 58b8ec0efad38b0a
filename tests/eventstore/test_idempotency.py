"""Idempotency: a retried append stores nothing and answers the first result."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
from sqlalchemy import Engine

from tests.eventstore.conftest import events, stored_ids
from tracker.eventstore import (
    ANY,
    NO_STREAM,
    DuplicateEventId,
    EventStore,
    IdempotencyMismatch,
    NewEvent,
    StreamAppend,
)

# The test database (not the development one); the events table is never emptied.
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("expected", [NO_STREAM, ANY])
def test_a_retry_with_the_same_event_ids_answers_the_first_result(
    store: EventStore, count: int, expected: object
) -> None:
    """Appending the same events again stores nothing and returns the first result."""
    stream_id = uuid.uuid4()
    new = events(count)
    first = store.append(stream_id, "story", new, expected_version=expected)  # type: ignore[arg-type]
    again = store.append(stream_id, "story", new, expected_version=expected)  # type: ignore[arg-type]
    assert again == replace(first, duplicate=True)
    assert store.stream_version(stream_id) == count


def test_a_retry_after_the_stream_moved_on_is_still_recognised(store: EventStore) -> None:
    """A retry whose expected version is now stale answers its first result, not a conflict."""
    stream_id = uuid.uuid4()
    new = events(1)
    first = store.append(stream_id, "story", new, expected_version=NO_STREAM)
    store.append(stream_id, "story", events(2), expected_version=1)
    assert store.append(stream_id, "story", new, expected_version=NO_STREAM).duplicate
    assert store.append(stream_id, "story", new, expected_version=NO_STREAM).positions == (
        first.positions
    )


def test_a_multi_stream_retry_answers_every_stream(store: EventStore) -> None:
    """Retrying a multi-stream append by event ids answers every stream's first result."""
    appends = [
        StreamAppend(uuid.uuid4(), "story", events(2), NO_STREAM),
        StreamAppend(uuid.uuid4(), "actor", events(1), NO_STREAM),
    ]
    first = store.append_many(appends)
    assert store.append_many(appends) == [replace(r, duplicate=True) for r in first]


@pytest.mark.parametrize("count", [1, 2])
def test_a_retry_with_the_same_key_and_body_answers_the_first_result(
    store: EventStore, count: int
) -> None:
    """The same key and payload, even with fresh event ids, stores nothing new."""
    stream_id, key = uuid.uuid4(), f"key-{uuid.uuid4()}"
    first = store.append(stream_id, "story", events(count), expected_version=0, idempotency_key=key)
    again = store.append(stream_id, "story", events(count), expected_version=0, idempotency_key=key)
    assert again == replace(first, duplicate=True)
    assert store.stream_version(stream_id) == count
    (event, *_) = store.read_stream(stream_id)
    assert event.metadata["idempotency_key"] == key


def test_a_multi_stream_retry_by_key_answers_every_stream(store: EventStore) -> None:
    """A keyed multi-stream append, retried with new event ids, answers its first results."""
    ids, key = (uuid.uuid4(), uuid.uuid4()), f"key-{uuid.uuid4()}"

    def appends() -> list[StreamAppend]:
        return [
            StreamAppend(ids[0], "story", events(2), NO_STREAM),
            StreamAppend(ids[1], "actor", events(1), NO_STREAM),
        ]

    first = store.append_many(appends(), idempotency_key=key)
    again = store.append_many(appends(), idempotency_key=key)
    assert again == [replace(result, duplicate=True) for result in first]


def test_the_same_key_with_another_body_is_a_mismatch(store: EventStore, engine: Engine) -> None:
    """A key reused for a different payload raises IdempotencyMismatch and stores nothing."""
    stream_id, key = uuid.uuid4(), f"key-{uuid.uuid4()}"
    store.append(stream_id, "story", events(1), expected_version=0, idempotency_key=key)
    other = [NewEvent("noted", {"n": 99})]
    with pytest.raises(IdempotencyMismatch) as mismatch:
        store.append(stream_id, "story", other, expected_version=1, idempotency_key=key)
    assert mismatch.value.key == key
    with pytest.raises(IdempotencyMismatch):
        store.append(uuid.uuid4(), "story", events(1), expected_version=0, idempotency_key=key)
    assert store.stream_version(stream_id) == 1
    assert stored_ids(engine, [other[0].event_id]) == set()


@pytest.mark.parametrize("count", [1, 2])
def test_a_stored_event_id_with_another_body_is_refused(store: EventStore, count: int) -> None:
    """Reusing an event id for a different event raises DuplicateEventId."""
    stream_id = uuid.uuid4()
    (event,) = events(1)
    store.append(stream_id, "story", [event], expected_version=NO_STREAM)
    changed = replace(event, data={"n": "changed"})
    with pytest.raises(DuplicateEventId) as duplicate:
        store.append(stream_id, "story", [changed, *events(count - 1)], expected_version=ANY)
    assert duplicate.value.event_ids == (event.event_id,)
    with pytest.raises(DuplicateEventId):
        store.append(uuid.uuid4(), "story", [event, *events(count - 1)], expected_version=ANY)
    assert store.stream_version(stream_id) == 1


def test_concurrent_requests_with_one_key_store_once(engine: Engine) -> None:
    """Eight identical keyed requests racing: one stores, all answer the same result."""
    store = EventStore(engine)
    stream_id, key = uuid.uuid4(), f"key-{uuid.uuid4()}"
    barrier = threading.Barrier(8)

    def request(_: int) -> object:
        barrier.wait(timeout=30)
        return store.append(
            stream_id, "story", events(2), expected_version=ANY, idempotency_key=key
        )

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(request, range(8)))
    assert store.stream_version(stream_id) == 2
    assert len({(r.positions, r.event_ids) for r in results}) == 1  # type: ignore[attr-defined]
    assert sum(not r.duplicate for r in results) == 1  # type: ignore[attr-defined]


def test_a_retry_inside_a_callers_transaction_is_recognised(
    store: EventStore, engine: Engine
) -> None:
    """On a caller's connection, a retry answers the first result and the transaction goes on."""
    stream_id = uuid.uuid4()
    new = events(2)
    first = store.append(stream_id, "story", new, expected_version=NO_STREAM)
    with engine.connect() as connection, connection.begin():
        again = store.append(stream_id, "story", new, expected_version=0, connection=connection)
        later = store.append(
            stream_id, "story", events(1), expected_version=2, connection=connection
        )
    assert again == replace(first, duplicate=True)
    assert later.first_version == 3


def test_a_callers_request_hash_decides_what_a_retry_must_match(store: EventStore) -> None:
    """With request_hash given, a retry matches on it even if the decided events differ."""
    stream_id, key = uuid.uuid4(), f"key-{uuid.uuid4()}"
    append = [StreamAppend(stream_id, "story", events(1, decided="first"), NO_STREAM)]
    first = store.append_many(append, idempotency_key=key, request_hash="client-body-1")
    retry = [StreamAppend(stream_id, "story", events(1, decided="again"), NO_STREAM)]
    again = store.append_many(retry, idempotency_key=key, request_hash="client-body-1")
    assert again == [replace(first[0], duplicate=True)]
    with pytest.raises(IdempotencyMismatch):
        store.append_many(retry, idempotency_key=key, request_hash="client-body-2")


def test_idempotent_results_look_a_key_up_before_deciding(store: EventStore) -> None:
    """idempotent_results answers a used key's first results, None for a new key."""
    stream_id, key = uuid.uuid4(), f"key-{uuid.uuid4()}"
    assert store.idempotent_results(key, "body") is None
    first = store.append_many(
        [StreamAppend(stream_id, "story", events(2), NO_STREAM)],
        idempotency_key=key,
        request_hash="body",
    )
    assert store.idempotent_results(key, "body") == [replace(first[0], duplicate=True)]
    with pytest.raises(IdempotencyMismatch):
        store.idempotent_results(key, "another body")
