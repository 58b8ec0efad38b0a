"""What a write service returns to its caller."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class WriteResult:
    """The event a write appended (or, for an idempotent retry, had appended before)."""

    event_id: UUID
    stream_id: UUID
    version: int
    position: int
    duplicate: bool = False
    slug: str | None = None
