"""The sample story (Der Spiegel on Kirill Dmitrijew in Washington) and its commands.

`spiegel_dmitrijew.json` holds the story, its actors and its developments in the API input
shape; each development has a local `key`, and a field holding `{"key": K}` points at the
development with key K. `sample_commands` turns that into commands with deterministic ids:

- story id: uuid5(SAMPLE_NAMESPACE, "story/<slug>"); its story_opened event id:
  uuid5(SAMPLE_NAMESPACE, "<slug>/story_opened");
- actor id: `actor_id_for_name(name)`; its actor_registered event id:
  uuid5(SAMPLE_NAMESPACE, "actor/<actor id>");
- development event id: uuid5(SAMPLE_NAMESPACE, "<slug>/<key>").

So a loader that appends these (skipping actors and stories that exist) is idempotent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any
from uuid import UUID, uuid5

from tracker.domain.names import actor_id_for_name

SAMPLE_NAMESPACE = UUID("2b9a64f1-8c3e-5d47-a1f0-6e5c4b3a2d19")
SAMPLE_FILE = "spiegel_dmitrijew.json"


@dataclass(frozen=True)
class SampleActor:
    """An actor to register: its id, the id of its registration event and the payload."""

    actor_id: UUID
    event_id: UUID
    payload: dict[str, Any]


@dataclass(frozen=True)
class SampleDevelopment:
    """A development to record: its key, event id and API input (keys made event ids)."""

    key: str
    event_id: UUID
    payload: dict[str, Any]


@dataclass(frozen=True)
class SampleCommands:
    """Everything needed to load the sample: the story, its actors, its developments."""

    story_id: UUID
    story_event_id: UUID
    story: dict[str, Any]
    actors: list[SampleActor]
    developments: list[SampleDevelopment]


def load_sample(name: str = SAMPLE_FILE) -> dict[str, Any]:
    """Read a sample story file shipped in this package."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def sample_event_id(slug: str, key: str) -> UUID:
    """Return the event id of the development with `key` in the sample story `slug`."""
    return uuid5(SAMPLE_NAMESPACE, f"{slug}/{key}")


def sample_commands(sample: Mapping[str, Any]) -> SampleCommands:
    """Turn a sample file's content into commands with deterministic ids; raise ValueError."""
    story = dict(sample["story"])
    slug = str(story["slug"])
    actors = []
    for actor in sample.get("actors", []):
        actor_id = actor_id_for_name(actor["name"])
        actors.append(
            SampleActor(actor_id, uuid5(SAMPLE_NAMESPACE, f"actor/{actor_id}"), dict(actor))
        )
    ids: dict[str, UUID] = {}
    developments = []
    for raw in sample["developments"]:
        key = str(raw["key"])
        if key in ids:
            raise ValueError(f"development key {key!r} is used twice")
        payload = {
            name: _resolve_key(value, ids, key) for name, value in raw.items() if name != "key"
        }
        ids[key] = sample_event_id(slug, key)
        developments.append(SampleDevelopment(key, ids[key], payload))
    return SampleCommands(
        story_id=uuid5(SAMPLE_NAMESPACE, f"story/{slug}"),
        story_event_id=uuid5(SAMPLE_NAMESPACE, f"{slug}/story_opened"),
        story=story,
        actors=actors,
        developments=developments,
    )


def _resolve_key(value: Any, ids: Mapping[str, UUID], key: str) -> Any:
    if isinstance(value, Mapping) and set(value) == {"key"}:
        target = str(value["key"])
        if target not in ids:
            raise ValueError(f"{key!r} points at {target!r}, which is not an earlier development")
        return str(ids[target])
    return value
