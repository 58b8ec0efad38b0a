"""The projector writes only the rows an event touches; the rest renders later."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings

from tests.domain import generators
from tests.domain.generators import commands
from tests.projections.test_projection_equivalence import NAMES, documents, run_commands
from tracker import bootstrap
from tracker.domain import actor_id_for_name
from tracker.projections import apply, incremental, pending
from tracker.projections.models import StorySnapshot, StoryView
from tracker.projections.rebuild import rebuild
from tracker.projections.verify import verify
from tracker.services import actors, developments, stories, streams
from tracker.services.selectors import story_get, story_timeline

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _own_actor_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use actor names of this module alone: merges here must not reach other tests' actors."""
    monkeypatch.setattr(generators, "NAMES", NAMES)


def statement(speaker: str, n: int) -> dict[str, Any]:
    """Return a statement development by `speaker`."""
    return {"type": "statement", "summary": f"Statement {n}", "speaker": {"name": speaker},
            "content": f"Words {n}", "source": {"outlet": "Reuters", "language": "en"}}  # fmt: skip


def row_versions(story_id: uuid.UUID) -> dict[str, str]:
    """Return each development row's transaction stamp (xmin): it changes when a row is written."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT event_id::text, xmin::text FROM projections_developmentview"
            " WHERE story_id = %s",
            [story_id],
        )
        return dict(cursor.fetchall())


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=commands)
def test_stories_rendered_off_the_write_path_equal_a_rebuild(
    steps: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every story treated as long (summary rows pending), reads and verify match a rebuild."""
    monkeypatch.setattr(incremental, "EAGER_LIMIT", 0)
    monkeypatch.setattr(apply, "ACTOR_EAGER_STORIES", 0)
    slug = run_commands(steps)
    version = len(streams.story_events(streams.story_id_of(slug)))
    assert story_get(story=slug)["version"] == version  # the read renders it first
    store = bootstrap.event_store()
    assert verify(store) == []
    before = documents()
    rebuild(store)
    assert documents() == before


def test_a_write_rewrites_only_the_development_rows_it_touches() -> None:
    """A new statement adds its row; a confirmation also rewrites its target's, no other row."""
    slug = f"touch-{uuid.uuid4().hex[:8]}"
    stories.story_open(title="Touch", slug=slug)
    written = [
        developments.development_record(story=slug, development=statement("Steve Witkoff", n))
        for n in range(5)
    ]
    story_id = streams.story_id_of(slug)
    before = row_versions(story_id)
    developments.development_record(story=slug, development=statement("Steve Witkoff", 9))
    after = row_versions(story_id)
    assert len(after) == 6
    assert {k: v for k, v in after.items() if k in before} == before
    target = str(written[2].event_id)
    confirmation = developments.development_record(
        story=slug,
        development={"type": "confirmation", "summary": "Confirmed", "confirms": target,
                     "confirmer": {"name": "Steve Witkoff"}, "content": "Yes",
                     "source": {"outlet": "Reuters"}},
    )  # fmt: skip
    changed = {k for k, v in row_versions(story_id).items() if after.get(k) != v}
    assert changed == {target, str(confirmation.event_id)}
    assert story_timeline(story=slug)[2]["confirmation"]["status"] == "confirmed"
    assert verify(bootstrap.event_store()) == []


def test_a_write_decides_against_the_snapshot_not_the_whole_stream(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once projected, a story's next write reads only the events after its snapshot."""
    slug = f"decide-{uuid.uuid4().hex[:8]}"
    stories.story_open(title="Decide", slug=slug)
    for n in range(3):
        developments.development_record(story=slug, development=statement("Steve Witkoff", n))
    story_id = streams.story_id_of(slug)
    store = bootstrap.event_store()
    original = type(store).read_stream
    asked: list[int] = []

    def read_stream(self: Any, stream_id: uuid.UUID, **kwargs: Any) -> Any:
        if stream_id == story_id:
            asked.append(kwargs.get("from_version", 1))
        return original(self, stream_id, **kwargs)

    monkeypatch.setattr(type(store), "read_stream", read_stream)
    said_new = statement("Witkoff", 7) | {"speaker": {"name": "Witkoff", "new": True}}
    result = developments.development_record(story=slug, development=said_new)
    assert result.version == 5
    assert asked and min(asked) == 5  # the snapshot was at version 4: nothing before it read


def test_a_long_story_is_rendered_before_its_next_read_and_by_the_idle_projector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past the eager limit, a write leaves the summary pending; a read or the idle pass renders."""
    monkeypatch.setattr(incremental, "EAGER_LIMIT", 2)
    slug = f"long-{uuid.uuid4().hex[:8]}"
    stories.story_open(title="Long", slug=slug)
    for n in range(4):
        developments.development_record(story=slug, development=statement("Steve Witkoff", n))
    story_id = streams.story_id_of(slug)
    assert StorySnapshot.objects.get(story_id=story_id).pending == 1
    assert StoryView.objects.get(story_id=story_id).version < 5  # the summary row lags
    assert len(story_timeline(story=slug)) == 4  # development rows are current
    assert story_get(story=slug)["developments"] == 4
    assert StorySnapshot.objects.get(story_id=story_id).pending == 0
    while pending.render_some(bootstrap.event_store()):  # other tests' stories left pending
        pass
    developments.development_record(story=slug, development=statement("Steve Witkoff", 9))
    assert StorySnapshot.objects.get(story_id=story_id).pending == 1
    assert pending.render_some(bootstrap.event_store()) == 1
    assert StoryView.objects.get(story_id=story_id).version == 6
    assert verify(bootstrap.event_store()) == []


def test_a_merge_renders_a_few_stories_in_its_batch_and_leaves_the_rest_pending(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A merge of an actor named in many stories holds its batch for a bounded number of them."""
    monkeypatch.setattr(apply, "ACTOR_EAGER_STORIES", 2)
    name, into = f"Envoy {uuid.uuid4().hex[:6]}", f"Emissary {uuid.uuid4().hex[:6]}"
    actors.actor_register(name=into, kind="person")
    slugs = []
    for n in range(5):
        slug = f"merge-{n}-{uuid.uuid4().hex[:8]}"
        stories.story_open(title=f"Merge {n}", slug=slug)
        developments.development_record(story=slug, development=statement(name, n))
        slugs.append(slug)
    actors.actor_merge(actor_id=actor_id_for_name(name), into=actor_id_for_name(into))
    ids = [streams.story_id_of(slug) for slug in slugs]
    assert StorySnapshot.objects.filter(story_id__in=ids, pending=2).count() == 3
    shown = story_get(story=slugs[-1])["actors"][0]["name"]
    assert shown == into  # a pending story is rendered before it is read
    store = bootstrap.event_store()
    while pending.render_some(store):
        pass
    assert not StorySnapshot.objects.filter(story_id__in=ids, pending__gt=0).exists()
    assert verify(store) == []
