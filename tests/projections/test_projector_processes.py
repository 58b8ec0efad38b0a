"""Projector workers against real PostgreSQL: crashes, exactly-once application, failover."""

from __future__ import annotations

import signal
import threading

import pytest
from django.core.management import call_command

from tests.projections.support import (
    caught_up,
    checkpoint,
    event_count,
    start_worker,
    story_with_copies,
    wait_until,
)
from tracker import bootstrap
from tracker.projections import rebuild as rebuild_module
from tracker.projections.rebuild import rebuild
from tracker.projections.verify import verify

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture(autouse=True)
def _no_catch_up_on_write(settings: pytest.FixtureRequest) -> None:
    """Leave all projection work to the worker processes under test."""
    settings.TRACKER_CATCH_UP_ON_WRITE = False  # type: ignore[attr-defined]


def test_worker_killed_mid_batch_resumes_without_drift(monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGKILL during a batch rolls that batch back; a restarted worker ends with no drift."""
    monkeypatch.setattr(rebuild_module, "PARALLEL_FROM", 1)  # rebuild in forked workers too
    story_with_copies(1500)
    worker = start_worker(batch_size=50)
    wait_until(lambda: checkpoint().position > 0, 60, worker)
    worker.process.send_signal(signal.SIGKILL)
    worker.process.wait(10)
    assert not caught_up(), "the worker finished before it could be killed mid-way"
    restarted = start_worker(batch_size=50)
    wait_until(caught_up, 120, restarted)
    restarted.process.send_signal(signal.SIGTERM)
    assert restarted.process.wait(20) == 0
    assert checkpoint().events_applied == event_count()
    assert verify(bootstrap.event_store()) == []
    before = {row.slug: row.document for row in _stories()}
    rebuild(bootstrap.event_store())
    assert {row.slug: row.document for row in _stories()} == before
    call_command("verify_projections", "--no-progress")


def test_two_workers_apply_every_event_once_and_the_standby_takes_over() -> None:
    """One of two workers leads; killed, the other takes over; no event applies twice."""
    slug = story_with_copies(10)
    first, second = start_worker(), start_worker()
    wait_until(lambda: first.leading or second.leading)
    stop = threading.Event()
    writer = threading.Thread(target=_keep_writing, args=(slug, stop))
    writer.start()
    try:
        leader, standby = (first, second) if first.leading else (second, first)
        wait_until(lambda: checkpoint().events_applied > 20)
        assert not standby.leading
        leader.process.send_signal(signal.SIGKILL)
        leader.process.wait(10)
        wait_until(lambda: standby.leading, timeout=30)
        applied = checkpoint().events_applied
        wait_until(lambda: checkpoint().events_applied > applied)
    finally:
        stop.set()
        writer.join()
    wait_until(caught_up)
    assert checkpoint().events_applied == event_count()
    assert verify(bootstrap.event_store()) == []
    standby.process.send_signal(signal.SIGTERM)
    assert standby.process.wait(20) == 0


def _keep_writing(slug: str, stop: threading.Event) -> None:
    from tracker.services import developments

    n = 0
    while not stop.is_set():
        n += 1
        developments.development_record(
            story=slug,
            development={
                "type": "statement",
                "speaker": "Wladimir Putin",
                "content": f"s{n}",
                "summary": f"Statement {n}",
                "source": {"outlet": "TASS", "language": "ru"},
            },
        )
        stop.wait(0.01)


def _stories() -> list:
    from tracker.projections.models import StoryView

    return list(StoryView.objects.all())
