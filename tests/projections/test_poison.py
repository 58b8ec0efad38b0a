"""A poisoned event stops only its own story: stale at its last good version, healed by retry."""

from __future__ import annotations

import io
import threading
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.projections.poison import (
    POISON,
    append_statements,
    figure,
    poison_figures,
    poison_fold,
    project_up_to,
    statement,
    story_with,
    verify_output,
    writers,
)
from tests.projections.support import caught_up, wait_until
from tracker import bootstrap
from tracker.projections import projector
from tracker.projections.models import ProjectionFailure, StoryView
from tracker.projections.rebuild import rebuild
from tracker.projections.verify import verify

pytestmark = pytest.mark.django_db(transaction=True)


def _slug(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:8]}"


def _versions() -> dict[str, int]:
    return dict(StoryView.objects.values_list("slug", "version"))


@pytest.mark.slow
def test_a_poisoned_story_stops_alone_while_writers_go_on_and_a_retry_heals_it(
    monkeypatch: pytest.MonkeyPatch, client: Client
) -> None:
    """Others reach the head; the poisoned story is stale (API, health, verify) until retried."""
    store = bootstrap.event_store()
    poisoned = _slug("poisoned")
    poisoned_id = story_with(poisoned, statement("good"))
    others = [_slug("other") for _ in range(3)]
    for slug in others:
        story_with(slug)
    poison_fold(monkeypatch, poisoned_id)
    stop = threading.Event()
    worker = threading.Thread(
        target=projector.run, args=(store,), kwargs={"stop": stop, "batch_size": 7}
    )
    worker.start()
    try:
        threads = writers(others, 12)
        poison_id = append_statements(poisoned_id, POISON)[0][0]
        append_statements(poisoned_id, "after 1", "after 2")  # must not apply over the gap
        for thread in threads:
            thread.join()
        wait_until(caught_up, 60)
        health = client.get("/api/v1/health").json()
    finally:
        stop.set()
        worker.join(30)
    assert not worker.is_alive()

    versions = _versions()
    for slug in others:
        story_id = StoryView.objects.get(slug=slug).story_id
        assert versions[slug] == 13 == store.stream_version(story_id)
    assert versions[poisoned] == 2 and store.stream_version(poisoned_id) == 5
    failure = ProjectionFailure.objects.get(stream_id=poisoned_id)
    assert (failure.event_id, failure.version, failure.good_version) == (poison_id, 3, 2)
    assert "poisoned fold step" in failure.error

    state = client.get(f"/api/v1/stories/{poisoned}").json()
    assert state["version"] == 2
    assert state["stale"]["version"] == 2 and state["stale"]["event_id"] == str(poison_id)
    assert "stale" not in client.get(f"/api/v1/stories/{others[0]}").json()

    assert health["status"] == "degraded" and health["projector"]["alive"] is True
    assert [s["slug"] for s in health["stuck"]] == [poisoned]
    assert health["stuck"][0]["event_id"] == str(poison_id)

    assert verify(store) == []  # every other story is exact
    printed, refused = verify_output()
    assert refused is not None and "stuck" in refused and str(poisoned_id) in printed

    monkeypatch.undo()  # the fix
    out = io.StringIO()
    call_command("retry_projection", poisoned, stdout=out)
    assert "no longer stuck" in out.getvalue()
    assert not ProjectionFailure.objects.exists()
    state = client.get(f"/api/v1/stories/{poisoned}").json()
    assert state["version"] == 5 and "stale" not in state
    assert verify_output() == ("read models match the events: no drift\n", None)
    before = {view.slug: view.document for view in StoryView.objects.all()}
    rebuild(store)
    assert {view.slug: view.document for view in StoryView.objects.all()} == before


def test_a_row_the_database_refuses_stops_its_story_and_not_the_batch(
    monkeypatch: pytest.MonkeyPatch, settings: pytest.FixtureRequest
) -> None:
    """In one batch, a story whose figure overflows numeric(30,6) stops; the others apply."""
    settings.TRACKER_CATCH_UP_ON_WRITE = True  # type: ignore[attr-defined]
    store = bootstrap.event_store()
    refused = _slug("refused")
    refused_id = story_with(refused, figure("2024", "1.5"))  # applied as the write answers
    poison_figures(monkeypatch, refused_id)
    settings.TRACKER_CATCH_UP_ON_WRITE = False  # type: ignore[attr-defined]
    fine = _slug("fine")
    story_with(fine, figure("2024", "2.5"))
    from tracker.services import developments

    developments.development_record(story=refused, development=figure("2025", "3"))
    last = developments.development_record(story=fine, development=figure("2025", "4"))
    project_up_to(last.position)
    assert _versions()[fine] == 3
    assert _versions()[refused] == 2  # applied before the refusal began
    failure = ProjectionFailure.objects.get(stream_id=refused_id)
    assert failure.good_version == 2 and failure.version == 3
    assert "NumericValueOutOfRange" in failure.error or "overflow" in failure.error

    monkeypatch.undo()
    call_command("retry_projection", "--all", stdout=io.StringIO())
    assert _versions()[refused] == 3 and not ProjectionFailure.objects.exists()
    assert verify(store) == []


def test_retry_of_a_story_that_still_fails_keeps_it_stuck_and_counts_the_attempt(
    monkeypatch: pytest.MonkeyPatch, settings: pytest.FixtureRequest
) -> None:
    """Without a fix, retry_projection exits non-zero and the failure records a second attempt."""
    settings.TRACKER_CATCH_UP_ON_WRITE = False  # type: ignore[attr-defined]
    slug = _slug("stubborn")
    story_id = story_with(slug, statement("good"))
    poison_fold(monkeypatch, story_id)
    project_up_to(append_statements(story_id, POISON)[0][1])
    with pytest.raises(CommandError, match="still stuck"):
        call_command("retry_projection", slug, stdout=io.StringIO())
    failure = ProjectionFailure.objects.get(stream_id=story_id)
    assert failure.attempts == 2 and failure.good_version == 2
    assert failure.last_seen > failure.first_seen


def test_the_admin_lists_a_stuck_story_and_its_page_shows_a_stale_banner(
    monkeypatch: pytest.MonkeyPatch, settings: pytest.FixtureRequest, admin_client: Client
) -> None:
    """The failures list names the stuck story; its newsroom page says what is stale."""
    settings.TRACKER_CATCH_UP_ON_WRITE = False  # type: ignore[attr-defined]
    slug = _slug("banner")
    story_id = story_with(slug, statement("good"))
    poison_fold(monkeypatch, story_id)
    project_up_to(append_statements(story_id, POISON)[0][1])
    listed = admin_client.get("/admin/projections/projectionfailure/").content.decode()
    assert str(story_id) in listed and slug in listed
    page = admin_client.get(f"/admin/newsroom/stories/{slug}/").content.decode()
    assert "stale-banner" in page and f"retry_projection {slug}" in page
    monkeypatch.undo()
    call_command("retry_projection", slug, stdout=io.StringIO())
    page = admin_client.get(f"/admin/newsroom/stories/{slug}/").content.decode()
    assert "stale-banner" not in page
