"""A story is folded in version order even where the global position order differs.

An append composed into a transaction that took its id earlier lands at a lower position than
the version before it. Projected one event per batch, the later version arrives first: the
projector and a rebuild must still fold the story as its stream orders it.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.projections.test_projection_equivalence import documents
from tracker import bootstrap
from tracker.domain import state_at_version
from tracker.eventstore import ANY, EventStore, NewEvent, StoredEvent
from tracker.projections import projector
from tracker.projections.full_fold import fold_all
from tracker.projections.rebuild import rebuild
from tracker.projections.verify import verify
from tracker.services import developments, stories, streams
from tracker.services.selectors import story_get

pytestmark = pytest.mark.django_db(transaction=True)

STATEMENT = {
    "type": "statement",
    "summary": "Talks will resume",
    "speaker": {"name": "Order Tester", "new": True},
    "content": "We meet again next week.",
    "source": {"outlet": "Reuters", "language": "en"},
}


def copy_of(event: StoredEvent, **data: Any) -> NewEvent:
    """Return a new event like a stored one (a fresh id), its data updated by `data`."""
    return NewEvent(
        event.event_type,
        {**event.data, **data},
        schema_version=event.schema_version,
        occurred_at=event.occurred_at,
        occurred_precision=event.occurred_precision,
        reported_at=event.reported_at,
    )


def inverted_story(store: EventStore) -> tuple[uuid.UUID, list[StoredEvent]]:
    """Open a story whose version 3 (a correction) sits at a lower position than version 2.

    The events are copies of ones the services recorded in a model story: a statement and
    its correction, so a fold in position order would correct what does not exist yet.
    """
    model = f"order-model-{uuid.uuid4().hex[:8]}"
    stories.story_open(title="Order model", slug=model)
    written = developments.development_record(story=model, development=STATEMENT)
    developments.development_correct(
        story=model,
        target=written.event_id,
        changes={"summary": "Talks will resume in Geneva"},
        reason="The place was reported later",
    )
    _, statement, correction = streams.story_events(streams.story_id_of(model))
    slug = f"order-{uuid.uuid4().hex[:8]}"
    stories.story_open(title="Inverted order", slug=slug)
    story_id = streams.story_id_of(slug)
    new_statement = copy_of(statement)
    new_correction = copy_of(correction, target=str(new_statement.event_id))
    with store.engine.connect() as early, early.begin():
        # This transaction takes its id now, before the statement's transaction starts.
        store.append(uuid.uuid4(), "probe", [NewEvent("noted", {})], expected_version=ANY,
                     connection=early)  # fmt: skip
        store.append(story_id, "story", [new_statement], expected_version=1)
        store.append(story_id, "story", [new_correction], expected_version=2, connection=early)
    return story_id, store.read_stream(story_id)


def test_the_projector_folds_by_version_when_a_later_version_comes_first() -> None:
    """Projected an event per batch, the correction first, the story equals a rebuild."""
    store = bootstrap.event_store()
    story_id, stream = inverted_story(store)
    _, statement, correction = stream
    assert correction.position < statement.position  # the inversion really happened
    while projector.apply_batch(store, limit=1):
        pass
    document = story_get(story=str(story_id))
    assert document["version"] == 3
    assert document["corrections"] == 1
    assert verify(store) == []
    before = documents()
    rebuild(store)
    assert documents() == before


def test_a_rebuild_cut_between_the_two_folds_the_story_in_version_order() -> None:
    """Folded up to the correction's position, the story holds the statement it corrects."""
    store = bootstrap.event_store()
    story_id, stream = inverted_story(store)
    states, _ = fold_all(store, until=stream[2].position)
    assert states[story_id] == state_at_version(stream, 3)


def test_a_story_stream_of_events_the_fold_ignores_projects_like_a_rebuild() -> None:
    """Events a story ignores still count as its versions: no batch folds them twice."""
    store = bootstrap.event_store()
    stream_id = uuid.uuid4()
    for n in range(3):
        store.append(stream_id, "story", [NewEvent("noted", {"n": n})], expected_version=n)
    while projector.apply_batch(store, limit=1):
        pass
    assert verify(store) == []
    states, _ = fold_all(store, until=store.last_position())
    assert states[stream_id] == state_at_version(store.read_stream(stream_id), 3)
    assert len(states[stream_id].ignored) == 3
