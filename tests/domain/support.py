"""An in-memory event store and helpers for running commands through the decisions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid5

from tracker.domain import (
    ACTOR_STREAM,
    ActorDirectory,
    Event,
    PendingEvent,
    StoryState,
    decide_open_story,
    decide_record_development,
    decide_register_actor,
    evolve,
    evolve_actors,
    fold,
    fold_actors,
)
from tracker.sample import SampleCommands, load_sample, sample_commands

T0 = datetime(2025, 4, 3, 9, 0, tzinfo=UTC)
IDS = UUID("8d7e3c1a-2b4f-5c6d-9e8f-0a1b2c3d4e5f")


def new_id(label: object) -> UUID:
    """Return a deterministic id for a test label."""
    return uuid5(IDS, str(label))


class MemoryStore:
    """Append pending events with positions, versions and a ticking clock; keep live folds."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.versions: dict[UUID, int] = {}
        self.directory = ActorDirectory()
        self.stories: dict[UUID, StoryState] = {}

    def append(self, pending: Iterable[PendingEvent]) -> list[Event]:
        """Record pending events in order and evolve the live states."""
        out = []
        for item in pending:
            version = self.versions.get(item.stream_id, 0) + 1
            self.versions[item.stream_id] = version
            position = len(self.events) + 1
            event = item.recorded(
                position=position,
                version=version,
                recorded_at=T0 + timedelta(seconds=position),
            )
            self.events.append(event)
            if item.stream_type == ACTOR_STREAM:
                evolve_actors(self.directory, event)
            else:
                evolve(self.stories.setdefault(item.stream_id, StoryState()), event)
            out.append(event)
        return out

    def story(self, story_id: UUID) -> StoryState:
        """Return the live state of a story (an empty state when unknown)."""
        return self.stories.get(story_id) or StoryState()

    def story_events(self, story_id: UUID) -> list[Event]:
        """Return the events of one story stream, in order."""
        return [e for e in self.events if e.stream_id == story_id]

    def actor_events(self) -> list[Event]:
        """Return every actor event, in order."""
        return [e for e in self.events if e.stream_type == ACTOR_STREAM]

    def replayed_story(self, story_id: UUID) -> StoryState:
        """Return the story folded from scratch."""
        return fold(self.story_events(story_id))

    def replayed_directory(self) -> ActorDirectory:
        """Return the actor directory folded from scratch."""
        return fold_actors(self.actor_events())

    def record(self, story_id: UUID, development: Mapping[str, Any], event_id: UUID) -> list[Event]:
        """Run a development through the decision and append what it returns."""
        return self.append(
            decide_record_development(
                story=self.story(story_id),
                development=development,
                event_id=event_id,
                resolve_actor=self.directory.resolve,
                actor_exists=self.directory.exists,
            )
        )


def load_seed(store: MemoryStore | None = None) -> tuple[MemoryStore, SampleCommands]:
    """Load the sample story into a store through the decisions."""
    store = store or MemoryStore()
    commands = sample_commands(load_sample())
    for actor in commands.actors:
        store.append(
            decide_register_actor(
                directory=store.directory,
                actor_id=actor.actor_id,
                event_id=actor.event_id,
                actor=actor.payload,
            )
        )
    store.append(
        decide_open_story(
            story=store.story(commands.story_id),
            story_id=commands.story_id,
            event_id=commands.story_event_id,
            **commands.story,
        )
    )
    for development in commands.developments:
        store.record(commands.story_id, development.payload, development.event_id)
    return store, commands
