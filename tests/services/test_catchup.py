"""Writes share the wait for their projection: each is shown once answered, none on stale news."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from django.db import connection

from tests.projections.support import batch_lock_held
from tracker.projections.models import DevelopmentView
from tracker.services import catchup, developments, stories, streams

pytestmark = pytest.mark.django_db(transaction=True)
WRITERS, WRITES = 8, 4


def statement(n: int) -> dict[str, object]:
    """Return a valid statement development."""
    return {"type": "statement", "summary": f"Shared wait {n}", "speaker": {"name": "Ann Lee"},
            "content": f"Words {n}", "source": {"outlet": "Reuters"}}  # fmt: skip


def test_concurrent_writes_are_each_shown_when_answered() -> None:
    """Writers racing in threads: every answer is caught up and its row is there at once."""
    slugs = [stories.story_open(title=f"Shared {uuid.uuid4().hex[:8]}").slug for _ in range(3)]
    barrier, missing, errors = threading.Barrier(WRITERS), [], []

    def writer(n: int) -> None:
        barrier.wait()
        try:
            for k in range(WRITES):
                story = slugs[(n + k) % len(slugs)]
                assert story
                result = developments.development_record(story=story, development=statement(n))
                shown = DevelopmentView.objects.filter(event_id=result.event_id).exists()
                if result.projection_pending is not None or not shown:
                    missing.append(result)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and missing == []


def test_a_checkpoint_seen_before_a_write_never_stands_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An observation older than the wait does not count, however far it reached."""
    slug = stories.story_open(title=f"Stale {uuid.uuid4().hex[:8]}").slug
    assert slug
    stale = catchup._Shared(seen=10**18, seen_step=5, steps=5)
    monkeypatch.setattr(catchup, "_shared", stale)
    monkeypatch.setattr(catchup, "READABLE_WAIT", 0.0)
    with batch_lock_held():
        started = time.monotonic()
        assert not catchup.wait_for(streams.store(), streams.store().last_position(), 0.3)
        assert time.monotonic() - started >= 0.25
    assert catchup.wait_for(streams.store(), streams.store().last_position(), 3.0)
