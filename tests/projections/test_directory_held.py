"""The process's actor directory is held while read: no thread advances it under a reader."""

from __future__ import annotations

import threading
import uuid

import pytest

from tracker import bootstrap
from tracker.domain import ACTOR_STREAM
from tracker.domain.event_types import ACTOR_REGISTERED
from tracker.eventstore import NewEvent
from tracker.projections.directory import actor_directory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_sees_one_directory_and_a_new_actor_waits_for_it() -> None:
    """An actor appended while a reader holds the directory appears only once it lets go."""
    store = bootstrap.event_store()
    newcomer = uuid.uuid4()
    seen: set[uuid.UUID] = set()
    advanced = threading.Event()

    def advance() -> None:
        with actor_directory(store) as current:  # reads the new event, once it may
            seen.update(current.actors)
        advanced.set()

    with actor_directory(store) as held:
        before = set(held.actors)
        store.append(
            newcomer,
            ACTOR_STREAM,
            [NewEvent(ACTOR_REGISTERED, {"name": f"Held {newcomer.hex[:8]}", "kind": "person"})],
            expected_version=0,
        )
        other = threading.Thread(target=advance)
        other.start()
        assert not advanced.wait(0.5)  # the other thread waits for this reader
        assert set(held.actors) == before
        with actor_directory(store) as again:  # this thread may take it again (reentrant)
            assert newcomer in again.actors
    other.join(10)
    assert advanced.is_set()
    assert newcomer in seen
