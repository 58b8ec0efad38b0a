"""Incremental projection equals a rebuild, and verify finds no drift, for generated stories."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from tests.domain import generators
from tests.domain.generators import change, commands, development
from tracker import bootstrap
from tracker.domain import DEVELOPMENT_TYPES, DomainError, actor_id_for_name
from tracker.projections import projector
from tracker.projections.models import StoryView
from tracker.projections.rebuild import rebuild
from tracker.projections.verify import verify
from tracker.services import actors, developments, stories, streams

pytestmark = pytest.mark.django_db(transaction=True)
NAMES = [f"{name} {uuid.uuid4().hex[:6]}" for name in generators.NAMES]


@pytest.fixture(autouse=True)
def _own_actor_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use actor names of this module alone: merges here must not reach other tests' actors."""
    monkeypatch.setattr(generators, "NAMES", NAMES)


def run_commands(steps: list[tuple[int, int, int]]) -> str:
    """Run generated commands through the services against one new story; return its slug."""
    slug = f"generated-{uuid.uuid4().hex[:12]}"
    stories.story_open(title="Generated", slug=slug)
    for op, a, b in steps:
        state = streams.story_state(slug)
        assert state is not None
        devs = list(state.developments)
        live = [d for d in devs if not state.developments[d].retracted]
        try:
            if op <= 4 or (op in (5, 6) and not devs):
                type_name = DEVELOPMENT_TYPES[a % len(DEVELOPMENT_TYPES)]
                developments.development_record(
                    story=slug, development=development(type_name, b, live)
                )
            elif op == 5:
                target = devs[a % len(devs)]
                developments.development_correct(
                    story=slug,
                    target=target,
                    changes=change(state.developments[target].type, b, live),
                    reason="fix",
                )
            elif op == 6:
                developments.development_retract(story=slug, target=devs[a % len(devs)], reason="x")
            elif op == 7:
                actors.actor_alias_add(
                    actor_id=actor_id_for_name(NAMES[a % len(NAMES)]),
                    name=NAMES[b % len(NAMES)] + f" {b % 5}",
                )
            elif op == 8:
                actors.actor_merge(
                    actor_id=actor_id_for_name(NAMES[a % len(NAMES)]),
                    into=actor_id_for_name(NAMES[b % len(NAMES)]),
                )
            else:
                stories.story_status_change(story=slug, status=["dormant", "concluded"][a % 2])
        except DomainError:
            pass
    return slug


def documents() -> dict[str, Any]:
    """Return every story document of the read model by slug."""
    return {view.slug: view.document for view in StoryView.objects.all()}


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=commands)
def test_incremental_projection_equals_rebuild_for_generated_stories(steps: Any) -> None:
    """Whatever the commands, the incrementally projected read model equals a full rebuild."""
    slug = run_commands(steps)
    store = bootstrap.event_store()
    # a write's own catch-up is bounded in time: other tests' backlog may outlast it
    assert projector.catch_up(store, position=store.last_position(), timeout=60)
    assert verify(store) == []
    before = documents()
    assert before[slug]["version"] == len(streams.story_events(streams.story_id_of(slug)))
    rebuild(store)
    assert documents() == before
    assert verify(store) == []
