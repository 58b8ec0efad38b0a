"""A folded story as JSON-ready data and back, exactly: the stored snapshot a fold resumes from.

A snapshot is the story's lifecycle fields (`state_to_data`) and, apart, one entry per
development (`record_to_data`), so that a store can keep and load each development alone.
Times keep their offset and microseconds, ids their text; `state_from_data` with the
developments loaded back gives a state equal to the one saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from tracker.domain.developments import DEVELOPMENT_MODELS
from tracker.domain.state import DevelopmentRecord, StoryState

_STATE_FIELDS = ("opened", "slug", "title", "summary", "language", "status", "version", "position")


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _parse(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text is not None else None


def state_to_data(state: StoryState) -> dict[str, Any]:
    """Return the story's fields but its developments, as JSON-ready data."""
    data: dict[str, Any] = {name: getattr(state, name) for name in _STATE_FIELDS}
    data["id"] = str(state.id) if state.id is not None else None
    data["opened_at"] = _time(state.opened_at)
    data["last_development_at"] = _time(state.last_development_at)
    data["lifecycle"] = state.lifecycle
    data["ignored"] = state.ignored
    return data


def state_from_data(
    data: Mapping[str, Any], developments: dict[UUID, DevelopmentRecord] | None = None
) -> StoryState:
    """Return the state `state_to_data` saved, with these developments (none if not given)."""
    state = StoryState(**{name: data[name] for name in _STATE_FIELDS})
    state.id = UUID(data["id"]) if data["id"] is not None else None
    state.opened_at = _parse(data["opened_at"])
    state.last_development_at = _parse(data["last_development_at"])
    state.lifecycle = list(data["lifecycle"])
    state.ignored = list(data["ignored"])
    state.developments = developments if developments is not None else {}
    return state


def record_to_data(record: DevelopmentRecord) -> dict[str, Any]:
    """Return one development as JSON-ready data."""
    return {
        "event_id": str(record.event_id),
        "type": record.type,
        "version": record.version,
        "position": record.position,
        "recorded_at": _time(record.recorded_at),
        "occurred_at": _time(record.occurred_at),
        "occurred_precision": record.occurred_precision,
        "reported_at": _time(record.reported_at),
        "data": record.data,
        "status": record.status,
        "history": record.history,
    }


def record_from_data(data: Mapping[str, Any]) -> DevelopmentRecord:
    """Return the development `record_to_data` saved."""
    recorded_at = _parse(data["recorded_at"])
    assert recorded_at is not None
    return DevelopmentRecord(
        event_id=UUID(data["event_id"]),
        type=data["type"],
        version=data["version"],
        position=data["position"],
        recorded_at=recorded_at,
        occurred_at=_parse(data["occurred_at"]),
        occurred_precision=data["occurred_precision"],
        reported_at=_parse(data["reported_at"]),
        data=dict(data["data"]),
        status=data["status"],
        history=list(data["history"]),
    )


def record_references(record: DevelopmentRecord) -> list[str]:
    """Return the developments (event ids as text) this one points at (confirms, denies, ...)."""
    model = DEVELOPMENT_MODELS.get(record.type)
    if model is None:
        return []
    found = {str(value) for name in model.reference_fields if (value := record.data.get(name))}
    return sorted(found)
