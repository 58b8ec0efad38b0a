"""The folded state of one story: plain dataclasses, cheap to evolve, rendered at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

ACTIVE = "active"
CORRECTED = "corrected"
RETRACTED = "retracted"


@dataclass(slots=True)
class DevelopmentRecord:
    """One development as known now: its current (corrected) data and its history."""

    event_id: UUID
    type: str
    version: int
    position: int
    recorded_at: datetime
    occurred_at: datetime | None
    occurred_precision: str | None
    reported_at: datetime | None
    data: dict[str, Any]
    status: str = ACTIVE
    history: list[dict[str, Any]] = field(default_factory=list)

    @property
    def retracted(self) -> bool:
        """Return whether the development was retracted."""
        return self.status == RETRACTED


@dataclass(slots=True)
class StoryState:
    """A story after a fold: lifecycle fields and its developments by event id, in order."""

    id: UUID | None = None
    opened: bool = False
    slug: str | None = None
    title: str | None = None
    summary: str | None = None
    language: str | None = None
    status: str = "developing"
    version: int = 0
    position: int = 0
    opened_at: datetime | None = None
    last_development_at: datetime | None = None
    developments: dict[UUID, DevelopmentRecord] = field(default_factory=dict)
    lifecycle: list[dict[str, Any]] = field(default_factory=list)
    ignored: list[dict[str, Any]] = field(default_factory=list)

    def development(self, event_id: UUID) -> DevelopmentRecord | None:
        """Return the development with this event id, or None."""
        return self.developments.get(event_id)

    def active(self) -> list[DevelopmentRecord]:
        """Return the developments that were not retracted, in recording order."""
        return [d for d in self.developments.values() if d.status != RETRACTED]

    @property
    def development_count(self) -> int:
        """Return the number of developments that were not retracted."""
        return sum(1 for d in self.developments.values() if d.status != RETRACTED)

    @property
    def correction_count(self) -> int:
        """Return the number of corrections of developments that were not retracted."""
        return sum(
            1
            for d in self.developments.values()
            if d.status != RETRACTED
            for h in d.history
            if h["kind"] == "correction"
        )

    @property
    def retraction_count(self) -> int:
        """Return the number of retracted developments."""
        return sum(1 for d in self.developments.values() if d.status == RETRACTED)
