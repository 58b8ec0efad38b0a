"""Helpers for poisoned-event tests: a fold step that raises for one story, direct appends."""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tracker import bootstrap
from tracker.domain import story_fold
from tracker.eventstore import NewEvent
from tracker.projections import projector, rows
from tracker.services import developments, stories, streams

POISON = "poison"


def statement(content: str) -> dict[str, Any]:
    """Return a valid statement development whose content is `content`."""
    return {
        "type": "statement",
        "speaker": "Wladimir Putin",
        "content": content,
        "summary": f"Statement {content}",
        "source": {"outlet": "TASS", "language": "ru"},
    }


def figure(period: str, value: str) -> dict[str, Any]:
    """Return a trade figure development."""
    return {
        "type": "figure",
        "summary": f"Trade in {period}",
        "occurred_at": period,
        "source": {"outlet": "Stats Office", "url": "https://example.org/stats"},
        "metric": "Trade volume",
        "value": value,
        "unit": "USD",
        "period": period,
    }


def story_with(slug: str, *developments_: dict[str, Any]) -> UUID:
    """Open a story and record developments through the services; return its id."""
    stories.story_open(title=f"Story {slug}", slug=slug)
    for development in developments_:
        developments.development_record(story=slug, development=development)
    return streams.story_id_of(slug)


def append_statements(story_id: UUID, *contents: str) -> list[tuple[UUID, int]]:
    """Append statements straight to the store (past the fold a service write would run).

    Return each one's event id and position.
    """
    store = bootstrap.event_store()
    template = next(e for e in store.read_stream(story_id) if e.event_type == "statement")
    version = store.stream_version(story_id)
    new = [
        NewEvent(template.event_type, {**template.data, "content": content, "summary": content})
        for content in contents
    ]
    result = store.append(story_id, "story", new, expected_version=version)
    return list(zip(result.event_ids, result.positions, strict=True))


def project_up_to(position: int) -> None:
    """Apply every event up to `position` (waiting for the store's horizon to pass it)."""
    assert projector.catch_up(bootstrap.event_store(), position=position, timeout=60)


def poison_fold(monkeypatch: pytest.MonkeyPatch, story_id: UUID) -> None:
    """Make the domain fold raise on this story's statements whose content is POISON."""
    original = story_fold.HANDLERS["statement"]

    def handler(state: Any, event: Any, data: Mapping[str, Any]) -> None:
        if event.stream_id == story_id and data.get("content") == POISON:
            raise RuntimeError("poisoned fold step")
        original(state, event, data)

    monkeypatch.setitem(story_fold.HANDLERS, "statement", handler)


def poison_figures(monkeypatch: pytest.MonkeyPatch, story_id: UUID) -> None:
    """Render this story's figure values as 1e24, which numeric(30,6) refuses in the database."""
    original = rows.to_document

    def to_document(state: Any, actors: Any, **options: Any) -> dict[str, Any]:
        document: dict[str, Any] = original(state, actors, **options)
        if state.id == story_id:
            for series in document.get("figures") or []:
                for point in series.get("series") or []:
                    point["value"] = Decimal("1e24")
        return document

    monkeypatch.setattr(rows, "to_document", to_document)


def writers(slugs: list[str], count: int) -> list[threading.Thread]:
    """Start one thread per story recording `count` statements through the services."""

    def write(slug: str) -> None:
        try:
            for n in range(count):
                developments.development_record(story=slug, development=statement(f"s{n}"))
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(slug,)) for slug in slugs]
    for thread in threads:
        thread.start()
    return threads


def verify_output() -> tuple[str, str | None]:
    """Run verify_projections; return what it printed and its refusal (None when it passed)."""
    out = io.StringIO()
    try:
        call_command("verify_projections", "--no-progress", stdout=out)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None
