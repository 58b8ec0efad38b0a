"""A story holding one development of every type, corrected, retracted, retitled and paused."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tests.domain.generators import development
from tracker.domain import DEVELOPMENT_MODELS
from tracker.services.actors import actor_alias_add, actor_merge, actor_register
from tracker.services.developments import (
    development_correct,
    development_record,
    development_retract,
)
from tracker.services.sample import sample_load
from tracker.services.stories import story_open, story_retitle, story_status_change


@dataclass
class Seeded:
    """What was written: the story, its developments by type, and an actor."""

    story: UUID
    slug: str
    developments: dict[str, UUID]
    actor: UUID
    _turn: Iterator[int] = field(default_factory=itertools.count)

    def path_parameter(self, name: str, generated: str) -> str:
        """Return a value for a path parameter: the story (id or slug), a development, the actor;
        the generated value for any other parameter."""
        turn = next(self._turn)
        if name == "story":
            return str(self.story) if turn % 2 else self.slug
        if name == "event_id":
            ids = sorted(self.developments.values())
            return str(ids[turn % len(ids)])
        return str(self.actor) if name == "actor_id" else generated


def said_new(body: dict[str, Any]) -> dict[str, Any]:
    """Return a generated development whose actor names are all said new.

    The generated spellings (Kirill Dmitrijew, Kirill Dmitriev, Кирилл Дмитриев) are distinct
    actors here, not near duplicates to ask about; names actors already have still resolve.
    """

    def reference(value: Any) -> Any:
        if isinstance(value, str):
            return {"name": value, "new": True}
        if isinstance(value, dict) and "name" in value and "actor_id" not in value:
            return {**value, "new": True}
        return value

    model = DEVELOPMENT_MODELS[body["type"]]
    out = dict(body)
    for key in [name for name, _ in model.actor_fields] + ["actors"]:
        value = out.get(key)
        if isinstance(value, list):
            out[key] = [reference(item) for item in value]
        elif value is not None:
            out[key] = reference(value)
    return out


def seed_every_type() -> Seeded:
    """Write the story through the services: every type, then each kind of later change.

    The sample is loaded first, so the generated spellings of its envoy name it (they are its
    name and aliases) rather than registering look-alikes that keep its aliases off it.
    """
    sample_load()
    opened = story_open(title=f"Every type {uuid.uuid4().hex[:8]}", summary="All of them")
    story = str(opened.stream_id)
    developments: dict[str, UUID] = {}
    for n, type_name in enumerate(DEVELOPMENT_MODELS):
        body = said_new(development(type_name, n * 3 + 1, list(developments.values())))
        developments[type_name] = development_record(story=story, development=body).event_id
    figure = developments["figure"]
    development_correct(story=story, target=figure, changes={"value": "12.5"}, reason="typo")
    development_retract(story=story, target=developments["denial"], reason="wrong")
    story_retitle(story=story, title=f"Every type, retitled {uuid.uuid4().hex[:8]}")
    story_status_change(story=story, status="dormant")
    actor = actor_register(name=f"Seeded Person {uuid.uuid4().hex[:8]}", kind="person").stream_id
    other = actor_register(name=f"Seeded Other {uuid.uuid4().hex[:8]}", kind="person").stream_id
    actor_alias_add(actor_id=actor, name=f"Seeded Alias {uuid.uuid4().hex[:8]}", language="de")
    actor_merge(actor_id=other, into=actor)
    assert opened.slug is not None
    return Seeded(UUID(story), opened.slug, developments, actor)
