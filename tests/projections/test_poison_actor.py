"""A poisoned actor event stops only its actor: every story goes on; a retry after a fix heals."""

from __future__ import annotations

import io
import threading
import uuid
from collections.abc import Iterator, Mapping
from typing import Any
from uuid import UUID

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from tests.projections.poison import project_up_to, story_with, verify_output
from tests.projections.support import caught_up, wait_until
from tracker import bootstrap
from tracker.domain import ActorDirectory
from tracker.domain import actor_directory as actor_fold
from tracker.domain.event_types import ACTOR_ALIAS_ADDED
from tracker.eventstore import NewEvent
from tracker.projections import failures, projector
from tracker.projections.checkpoint import checkpoint_position
from tracker.projections.directory import (
    FollowedDirectory,
    actor_directory,
    directories_forget,
    directory_at,
)
from tracker.projections.models import ActorView, ProjectionFailure, StorySnapshot, StoryView
from tracker.projections.rebuild import rebuild
from tracker.projections.verify import verify
from tracker.services import actors, developments
from tracker.services.errors import ProjectionStuck
from tracker.services.selectors.replay import replay_document

pytestmark = pytest.mark.django_db(transaction=True)

POISON = "Poisoned Alias"
AFTER = "Alias After The Poison"


@pytest.fixture(autouse=True)
def _directories_fold_again() -> Iterator[None]:
    """Let no stop of this test's actors outlive it in this process's directories."""
    yield
    directories_forget()


def _tag() -> str:
    return uuid.uuid4().hex[:8]


def _actor(name: str) -> UUID:
    """Register an actor through the services; return its id."""
    return actors.actor_register(name=name, kind="person").stream_id


def said(actor_id: UUID, content: str) -> dict[str, Any]:
    """Return a statement development whose speaker is the actor `actor_id`."""
    return {
        "type": "statement",
        "speaker": {"actor_id": str(actor_id)},
        "content": content,
        "summary": f"Statement {content}",
        "source": {"outlet": "TASS", "language": "ru"},
    }


def poison_aliases(monkeypatch: pytest.MonkeyPatch, actor_id: UUID) -> None:
    """Make the directory's fold raise on this actor's alias POISON (after half applying it)."""
    original = actor_fold._HANDLERS[ACTOR_ALIAS_ADDED]

    def handler(directory: ActorDirectory, event: Any, data: Mapping[str, Any]) -> None:
        original(directory, event, data)
        if event.stream_id == actor_id and data.get("name") == POISON:
            raise RuntimeError("poisoned actor step")

    monkeypatch.setitem(actor_fold._HANDLERS, ACTOR_ALIAS_ADDED, handler)


def append_aliases(actor_id: UUID, *names: str) -> list[tuple[UUID, int]]:
    """Append aliases straight to the actor's stream (past the services' decisions).

    Return each one's event id and position.
    """
    store = bootstrap.event_store()
    new = [NewEvent(ACTOR_ALIAS_ADDED, {"name": name, "language": "en"}) for name in names]
    version = store.stream_version(actor_id)
    result = store.append(actor_id, "actor", new, expected_version=version)
    return list(zip(result.event_ids, result.positions, strict=True))


def speakers_writing(stories: Mapping[str, UUID], count: int) -> list[threading.Thread]:
    """Start one thread per story recording `count` statements of its speaker."""

    def write(slug: str, speaker: UUID) -> None:
        try:
            for n in range(count):
                developments.development_record(story=slug, development=said(speaker, f"s{n}"))
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=item) for item in stories.items()]
    for thread in threads:
        thread.start()
    return threads


def alias_names(document: Mapping[str, Any], actor_id: UUID) -> set[str]:
    """Return the alias names a story document shows for an actor."""
    (entry,) = [actor for actor in document["actors"] if actor["id"] == str(actor_id)]
    return {alias["name"] for alias in entry["aliases"]}


@pytest.mark.slow
def test_a_poisoned_actor_stops_alone_while_every_story_goes_on_and_a_retry_heals_it(
    monkeypatch: pytest.MonkeyPatch, admin_client: Client
) -> None:
    """Stories (one naming the actor) reach the head; the actor is stuck until retried."""
    store = bootstrap.event_store()
    tag = _tag()
    poisoned = _actor(f"Lawrow {tag}")
    append_aliases(poisoned, f"Lavrov {tag}")  # a good alias before the poison
    speakers = {f"names-poisoned-{tag}": poisoned}
    for name in ("Blinken", "Wang Yi", "Fidan"):
        speakers[f"names-{name.lower().replace(' ', '-')}-{tag}"] = _actor(f"{name} {tag}")
    story_ids = {slug: story_with(slug, said(actor, "before")) for slug, actor in speakers.items()}
    poison_aliases(monkeypatch, poisoned)
    stop = threading.Event()
    worker = threading.Thread(
        target=projector.run, args=(store,), kwargs={"stop": stop, "batch_size": 7}
    )
    worker.start()
    try:
        threads = speakers_writing(speakers, 12)
        poison_id = append_aliases(poisoned, POISON)[0][0]
        append_aliases(poisoned, AFTER)  # left out with the poison: no half-applied history
        for thread in threads:
            thread.join()
        wait_until(caught_up, 60)
        health = admin_client.get("/api/v1/health").json()
    finally:
        stop.set()
        worker.join(30)
    assert not worker.is_alive()

    versions = dict(StoryView.objects.values_list("slug", "version"))
    for slug, story_id in story_ids.items():
        assert versions[slug] == 14 == store.stream_version(story_id)
    failure = ProjectionFailure.objects.get(stream_id=poisoned)
    assert failure.stream_type == "actor" and failure.attempts == 1  # recorded once
    assert (failure.event_id, failure.version, failure.good_version) == (poison_id, 3, 2)
    assert "poisoned actor step" in failure.error
    assert list(ProjectionFailure.objects.values_list("stream_id", flat=True)) == [poisoned]

    shown = admin_client.get(f"/api/v1/stories/names-poisoned-{tag}").json()
    assert alias_names(shown, poisoned) == {f"Lavrov {tag}"}  # as of its last good event
    assert "stale" not in shown and shown["version"] == 14

    assert health["status"] == "degraded"
    assert [(s["stream_id"], s["stream_type"]) for s in health["stuck"]] == [
        (str(poisoned), "actor")
    ]
    assert health["stuck"][0]["event_id"] == str(poison_id)
    listed = admin_client.get("/admin/projections/projectionfailure/").content.decode()
    assert str(poisoned) in listed

    assert verify(store) == []  # every story, the one naming the actor too, is exact
    printed, refused = verify_output()
    assert refused is not None and "stuck" in refused
    assert f"actor {poisoned} stuck at version 2" in printed

    monkeypatch.undo()  # the fix
    out = io.StringIO()
    call_command("retry_projection", str(poisoned), stdout=out)
    assert "no longer stuck" in out.getvalue()
    assert not ProjectionFailure.objects.exists()
    marked = dict(StorySnapshot.objects.values_list("story_id", "pending"))
    assert marked[story_ids[f"names-poisoned-{tag}"]] == 2  # rendered again before its read
    assert all(
        marked[story_id] == 0 for slug, story_id in story_ids.items() if "poisoned" not in slug
    )
    shown = admin_client.get(f"/api/v1/stories/names-poisoned-{tag}").json()
    assert alias_names(shown, poisoned) == {f"Lavrov {tag}", POISON, AFTER}
    assert verify_output() == ("read models match the events: no drift\n", None)
    before = {view.slug: view.document for view in StoryView.objects.all()}
    rebuild(store)
    assert {view.slug: view.document for view in StoryView.objects.all()} == before


def test_the_services_record_developments_while_a_poisoned_actor_event_is_stored(
    monkeypatch: pytest.MonkeyPatch, settings: pytest.FixtureRequest
) -> None:
    """Writes naming the actor or others are stored and projected; the actor's own are refused."""
    settings.TRACKER_CATCH_UP_ON_WRITE = True  # type: ignore[attr-defined]
    tag = _tag()
    poisoned, other = _actor(f"Lawrow {tag}"), _actor(f"Blinken {tag}")
    slug = f"services-{tag}"
    story_id = story_with(slug, said(poisoned, "before"))
    poison_aliases(monkeypatch, poisoned)
    append_aliases(poisoned, POISON)

    naming = developments.development_record(story=slug, development=said(poisoned, "during"))
    others = developments.development_record(story=slug, development=said(other, "as well"))
    assert naming.projection_pending is None and others.projection_pending is None
    opened = story_with(f"opened-{tag}", said(other, "new story"))
    assert StoryView.objects.get(story_id=opened).version == 2
    assert StoryView.objects.get(story_id=story_id).version == 4
    actors.actor_alias_add(actor_id=other, name=f"Blinken Alias {tag}")
    with pytest.raises(ProjectionStuck, match="cannot be applied"):
        actors.actor_alias_add(actor_id=poisoned, name=f"Lawrow Alias {tag}")

    failure = ProjectionFailure.objects.get(stream_id=poisoned)
    assert failure.stream_type == "actor" and failure.attempts == 1
    assert verify(bootstrap.event_store()) == []


def test_a_retry_without_a_fix_keeps_the_actor_stuck_and_counts_the_attempt(
    monkeypatch: pytest.MonkeyPatch, settings: pytest.FixtureRequest
) -> None:
    """retry_projection of an actor that still fails exits non-zero; the attempt is counted."""
    settings.TRACKER_CATCH_UP_ON_WRITE = False  # type: ignore[attr-defined]
    poisoned = _actor(f"Lawrow {_tag()}")
    poison_aliases(monkeypatch, poisoned)
    project_up_to(append_aliases(poisoned, POISON)[0][1])
    with pytest.raises(CommandError, match="still stuck"):
        call_command("retry_projection", str(poisoned), stdout=io.StringIO())
    failure = ProjectionFailure.objects.get(stream_id=poisoned)
    assert failure.attempts == 2 and failure.good_version == 1 and failure.version == 2


def test_a_directory_folds_again_once_its_stopped_actor_was_retried_elsewhere(
    monkeypatch: pytest.MonkeyPatch, settings: pytest.FixtureRequest
) -> None:
    """A process's directory takes up a retry another process made (the failure cleared).

    One directory saw the failure recorded, the other did not (the projector went past it).
    """
    settings.TRACKER_CATCH_UP_ON_WRITE = False  # type: ignore[attr-defined]
    store = bootstrap.event_store()
    poisoned = _actor(f"Lawrow {_tag()}")
    poison_aliases(monkeypatch, poisoned)
    end = append_aliases(poisoned, POISON, AFTER)[-1][1]
    seen, unseen = FollowedDirectory(), FollowedDirectory()
    for followed in (seen, unseen):
        directory = followed.at(store, end)
        assert set(directory.stopped) == {poisoned} and directory.version_of(poisoned) == 1
    assert failures.stuck_among({poisoned}) == set()  # a read records nothing
    project_up_to(end)  # the projector records it
    assert failures.stuck_among({poisoned}) == {poisoned}
    assert seen.at(store, end).version_of(poisoned) == 1  # still stuck: nothing changes
    monkeypatch.undo()  # the fix, and a retry elsewhere clears the failure
    failures.clear(poisoned)
    for followed in (seen, unseen):
        assert followed.at(store, end).version_of(poisoned) == 3
        assert followed.at(store, end).stopped == {}


def test_a_stop_the_projector_went_past_is_checked_again_once(
    monkeypatch: pytest.MonkeyPatch, settings: pytest.FixtureRequest
) -> None:
    """A directory whose stop recurs after it was checked again keeps it (no fold per read)."""
    settings.TRACKER_CATCH_UP_ON_WRITE = False  # type: ignore[attr-defined]
    store = bootstrap.event_store()
    poisoned = _actor(f"Lawrow {_tag()}")
    poison_aliases(monkeypatch, poisoned)
    end = append_aliases(poisoned, POISON)[-1][1]
    project_up_to(end)
    failures.clear(poisoned)  # as if the projector had applied it
    followed = FollowedDirectory()
    first = followed.at(store, end)
    assert set(first.stopped) == {poisoned}
    second = followed.at(store, end)  # checked again: folded anew, the stop recurs
    assert second is not first and set(second.stopped) == {poisoned}
    assert followed.at(store, end) is second  # kept from now on


def _read_models() -> tuple[dict[str, Any], dict[UUID, Any]]:
    """Return every story document by slug and every actor's aliases by id."""
    stories = {view.slug: view.document for view in StoryView.objects.all()}
    return stories, dict(ActorView.objects.values_list("actor_id", "aliases"))


def test_an_actor_recorded_stuck_stays_stopped_after_a_fix_until_it_is_retried(
    monkeypatch: pytest.MonkeyPatch, settings: pytest.FixtureRequest
) -> None:
    """A restarted process with the fix folds from the recorded stop: verify and rebuild agree.

    Stories rendered before and after the restart show the actor as of its last good event,
    as verify's and rebuild's folds do; the retry then shows it in full everywhere.
    """
    settings.TRACKER_CATCH_UP_ON_WRITE = False  # type: ignore[attr-defined]
    store = bootstrap.event_store()
    tag = _tag()
    poisoned = _actor(f"Lawrow {tag}")
    good = f"Lavrov {tag}"
    append_aliases(poisoned, good)
    slug, later = f"stuck-before-{tag}", f"stuck-after-{tag}"
    story_with(slug, said(poisoned, "before"))
    poison_aliases(monkeypatch, poisoned)
    poison_id = append_aliases(poisoned, POISON, AFTER)[0][0]
    developments.development_record(story=slug, development=said(poisoned, "while stuck"))
    project_up_to(store.last_position())
    failure = ProjectionFailure.objects.get(stream_id=poisoned)
    assert (failure.event_id, failure.version, failure.good_version) == (poison_id, 3, 2)

    monkeypatch.undo()  # the fix is deployed: every process starts again, no retry yet
    directories_forget()
    story_with(later, said(poisoned, "after the fix"))
    developments.development_record(story=slug, development=said(poisoned, "after the fix"))
    project_up_to(store.last_position())

    for shown in (slug, later):
        assert alias_names(StoryView.objects.get(slug=shown).document, poisoned) == {good}
    assert directory_at(store, checkpoint_position()).version_of(poisoned) == 2
    with actor_directory(store) as actors:
        assert actors.version_of(poisoned) == 2  # the services decide with it too
    replayed = replay_document(slug, version=None, as_of=timezone.now(), basis="recorded")
    assert alias_names(replayed, poisoned) == {good}
    failure = ProjectionFailure.objects.get(stream_id=poisoned)
    assert failure.attempts == 1 and failure.version == 3  # still stuck where it was recorded
    assert verify(store) == []
    printed, refused = verify_output()
    assert refused is not None and "stuck" in refused
    assert f"actor {poisoned} stuck at version 2" in printed
    before = _read_models()
    rebuild(store)
    assert _read_models() == before

    out = io.StringIO()
    call_command("retry_projection", str(poisoned), stdout=out)
    assert "no longer stuck" in out.getvalue()
    assert verify_output() == ("read models match the events: no drift\n", None)
    for shown in (slug, later):
        document = StoryView.objects.get(slug=shown).document
        assert alias_names(document, poisoned) == {good, POISON, AFTER}
    with actor_directory(store) as actors:
        assert actors.version_of(poisoned) == 4
    before = _read_models()
    rebuild(store)
    assert _read_models() == before


def test_only_the_actor_events_left_out_are_seeded_not_actors_whose_rows_were_refused() -> None:
    """An actor whose rows the database refused keeps its events in the directory's folds."""
    left_out, refused = uuid.uuid4(), uuid.uuid4()
    for actor_id, marked in ((left_out, True), (refused, False)):
        stopped = failures.StoppedAt(actor_id, "actor", uuid.uuid4(), 7, 3, 2)
        failures.record(stopped, RuntimeError("cannot"), left_out=marked)
    stops = failures.actor_stops()
    assert set(stops) == {left_out}
    assert (stops[left_out].position, stops[left_out].version) == (7, 3)
    assert stops[left_out].good_version == 2
    assert failures.actor_stops(but=left_out) == {}
    failures.clear(left_out)
    failures.clear(refused)
