"""Write services against real PostgreSQL: refusals, races, idempotency."""

from __future__ import annotations

import threading
import uuid

import pytest

from tracker.domain import ValidationFailed
from tracker.eventstore import IdempotencyMismatch, VersionConflict
from tracker.services import actors, developments, stories, streams

pytestmark = pytest.mark.django_db(transaction=True)
SOURCE = {"outlet": "Reuters", "language": "en"}


def statement(n: int) -> dict[str, object]:
    """Return a valid statement development."""
    return {"type": "statement", "summary": f"Statement {n}", "speaker": {"name": "Steve Witkoff"},
            "content": f"Words {n}", "source": SOURCE}  # fmt: skip


def test_a_story_without_a_title_is_refused_and_stores_nothing() -> None:
    """A missing title is a validation error, not a crash."""
    with pytest.raises(ValidationFailed):
        stories.story_open(title=None, slug=f"untitled-{uuid.uuid4().hex[:8]}")  # type: ignore[arg-type]


def test_an_actor_name_without_letters_is_refused() -> None:
    """A name of punctuation only is refused by the domain."""
    with pytest.raises(ValidationFailed):
        actors.actor_register(name="¿¿", kind="person")


def test_writers_without_if_match_all_succeed_under_contention() -> None:
    """Unpinned writers that lose a race decide again; every write lands once."""
    slug = stories.story_open(title="Contended", slug=f"contended-{uuid.uuid4().hex[:8]}").slug
    assert slug
    barrier, results, errors = threading.Barrier(6), [], []

    def write(n: int) -> None:
        barrier.wait()
        try:
            results.append(developments.development_record(story=slug, development=statement(n)))
        except Exception as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(result.version for result in results) == [2, 3, 4, 5, 6, 7]
    assert len(streams.story_events(streams.story_id_of(slug))) == 7


def test_a_pinned_writer_gets_the_conflict_with_the_current_version() -> None:
    """With the version the client saw (If-Match), a stale write is refused."""
    slug = stories.story_open(title="Pinned", slug=f"pinned-{uuid.uuid4().hex[:8]}").slug
    assert slug
    developments.development_record(story=slug, development=statement(1), expected_version=1)
    with pytest.raises(VersionConflict) as refused:
        developments.development_record(story=slug, development=statement(2), expected_version=1)
    assert refused.value.current == 2


def test_an_idempotency_key_answers_the_first_result_and_refuses_another_body() -> None:
    """A retry with the same key gets the same event; another body under it is refused."""
    slug = stories.story_open(title="Retry", slug=f"retry-{uuid.uuid4().hex[:8]}").slug
    assert slug
    key = uuid.uuid4().hex
    first = developments.development_record(
        story=slug, development=statement(1), idempotency_key=key
    )
    again = developments.development_record(
        story=slug, development=statement(1), idempotency_key=key
    )
    assert (again.event_id, again.position, again.duplicate) == (
        first.event_id,
        first.position,
        True,
    )
    with pytest.raises(IdempotencyMismatch):
        developments.development_record(story=slug, development=statement(2), idempotency_key=key)
    assert len(streams.story_events(streams.story_id_of(slug))) == 2


def test_retitling_and_status_changes_show_in_the_read_model() -> None:
    """A new title and status land in the story state; a stale If-Match is refused."""
    from tracker.services.selectors import story_get

    slug = stories.story_open(title="Old title", slug=f"lifecycle-{uuid.uuid4().hex[:8]}").slug
    assert slug
    stories.story_retitle(story=slug, title="New title", expected_version=1)
    stories.story_status_change(story=slug, status="dormant")
    state = story_get(story=slug)
    assert (state["title"], state["status"], state["version"]) == ("New title", "dormant", 3)
    with pytest.raises(VersionConflict):
        stories.story_retitle(story=slug, title="Stale", expected_version=1)
