"""Fixtures for domain tests: a store with one opened story holding one visit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pytest

from tests.domain.support import MemoryStore, new_id
from tracker.domain import decide_open_story

SOURCE = {"outlet": "Der Spiegel", "language": "de", "published_at": "2025-04-03T08:15:00Z"}


def visit_body(**changes: Any) -> dict[str, Any]:
    """Return a valid visit development with changes."""
    body: dict[str, Any] = {
        "type": "visit",
        "occurred_at": "2025-04-02",
        "summary": "Kremlin envoy travels to Washington",
        "source": SOURCE,
        "visitor": {"name": "Kirill Dmitrijew"},
        "destination": "Washington",
        "purpose": "easing of sanctions",
        "status": "under_way",
    }
    return body | changes


@dataclass
class World:
    """A store, the story id, and the id of its visit."""

    store: MemoryStore
    story_id: UUID
    visit_id: UUID


@pytest.fixture
def world() -> World:
    """Return a store with an opened story and one recorded visit."""
    store = MemoryStore()
    story_id = new_id("story")
    store.append(
        decide_open_story(
            story=None, story_id=story_id, event_id=new_id("opened"), title="Envoy in Washington"
        )
    )
    visit_id = new_id("visit")
    store.record(story_id, visit_body(), visit_id)
    return World(store, story_id, visit_id)
