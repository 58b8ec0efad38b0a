"""Shared lookups for rendering a story: actor names, involvement, confirmation, order."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from tracker.domain.actor_directory import ActorDirectory
from tracker.domain.developments import DEVELOPMENT_MODELS
from tracker.domain.state import RETRACTED, DevelopmentRecord, StoryState
from tracker.domain.timeparse import iso

#: (confirmed, denied) -> the status of a confirmation.
_CONFIRMATION_STATUS = {
    (False, False): "unconfirmed",
    (True, False): "confirmed",
    (False, True): "denied",
    (True, True): "disputed",
}

#: The types json_copy returns as they are, without looking inside.
_SCALARS = frozenset({str, int, float, bool, type(None)})

#: (stored reference, role, canonical actor id or None) of one actor a development names.
Involvement = tuple[dict[str, Any], str, str | None]


def timeline_key(record: DevelopmentRecord) -> tuple[datetime, int]:
    """Order by when it happened (else reported, else recorded), then by position."""
    moment = record.occurred_at or record.reported_at or record.recorded_at
    return moment, record.position


def json_copy(value: Any) -> Any:
    """Return a copy of JSON-shaped data (dicts, lists, scalars), faster than deepcopy."""
    kind = type(value)
    if kind is dict:
        return {
            key: item if type(item) in _SCALARS else json_copy(item) for key, item in value.items()
        }
    if kind is list:
        return [item if type(item) in _SCALARS else json_copy(item) for item in value]
    if isinstance(value, dict):
        return {key: json_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_copy(item) for item in value]
    return value


def iso_or_none(moment: datetime | None) -> str | None:
    """Return an ISO text in UTC, or None."""
    return iso(moment) if moment is not None else None


class Row:
    """One development as the renderer reads it: the record, its event id text, its actors."""

    __slots__ = ("data", "event_id", "involvement", "record", "type")

    def __init__(self, record: DevelopmentRecord, involvement: list[Involvement]) -> None:
        self.record = record
        self.event_id = str(record.event_id)
        self.type = record.type
        self.data = record.data
        self.involvement = involvement


class StoryView:
    """A story state and the actor directory, indexed once for building its document."""

    def __init__(self, state: StoryState, actors: ActorDirectory) -> None:
        self.state = state
        self.actors = actors
        self._canonical: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self.timeline = [
            Row(record, self.involvement(record))
            for record in sorted(state.developments.values(), key=timeline_key)
        ]
        self.ordered = [row for row in self.timeline if row.record.status != RETRACTED]
        self.by_type: dict[str, list[Row]] = {}
        self.pointing: dict[str, list[Row]] = {}
        for row in self.ordered:
            self.by_type.setdefault(row.type, []).append(row)
            for field in DEVELOPMENT_MODELS[row.type].reference_fields:
                target = row.data.get(field)
                if target:
                    self.pointing.setdefault(str(target), []).append(row)

    def of_type(self, type_name: str) -> list[Row]:
        """Return the active developments of one type, in timeline order."""
        return self.by_type.get(type_name, [])

    def canonical_id(self, ref: Any) -> str | None:
        """Return the canonical actor id (text) of a stored reference."""
        if not isinstance(ref, dict) or not ref.get("actor_id"):
            return None
        raw = str(ref["actor_id"])
        found = self._canonical.get(raw)
        if found is None:
            try:
                found = str(self.actors.canonical(UUID(raw)))
            except ValueError:
                found = raw
            self._canonical[raw] = found
        return found

    def actor(self, ref: Any) -> dict[str, Any] | None:
        """Return {id, name} of the canonical actor a stored reference points at."""
        actor_id = self.canonical_id(ref)
        if actor_id is None:
            return None
        return {"id": actor_id, "name": self.name(actor_id, ref.get("name_as_stated"))}

    def actor_list(self, refs: Any) -> list[dict[str, Any]]:
        """Return {id, name} for each reference of a list, without repeats."""
        out: list[dict[str, Any]] = []
        for ref in refs or []:
            found = self.actor(ref)
            if found is not None and found not in out:
                out.append(found)
        return out

    def name(self, actor_id: str, fallback: str | None = None) -> str:
        """Return the canonical name of an actor, or `fallback` when it is not registered."""
        known = self._names.get(actor_id)
        if known is None:
            try:
                record = self.actors.get(UUID(actor_id))
            except ValueError:
                record = None
            known = self._names[actor_id] = record.name if record is not None else ""
        return known or fallback or actor_id

    def involvement(self, record: DevelopmentRecord) -> list[Involvement]:
        """Return (stored reference, role, canonical id) for every actor a development names."""
        data = record.data
        out: list[Involvement] = []
        for field, role in DEVELOPMENT_MODELS[record.type].actor_fields:
            value = data.get(field)
            for ref in value if isinstance(value, list) else [value]:
                if isinstance(ref, dict):
                    out.append((ref, role, self.canonical_id(ref)))
        for ref in data.get("actors") or []:
            if isinstance(ref, dict):
                out.append((ref, str(ref.get("role") or "involved"), self.canonical_id(ref)))
        return out

    def confirmation(self, event_ids: Iterable[str]) -> dict[str, Any]:
        """Return {status, by, event_ids} from the confirmations and denials pointing here."""
        confirmed, denied, by, ids = False, False, [], []
        withheld = False
        for event_id in event_ids:
            for row in self.pointing.get(event_id, ()):
                data = row.data
                if row.type == "confirmation" and data.get("confirms") == event_id:
                    confirmed = True
                    withheld = withheld or bool(data.get("details_withheld"))
                    who = self.actor(data.get("confirmer"))
                elif row.type == "denial" and data.get("denies") == event_id:
                    denied = True
                    who = self.actor(data.get("denier"))
                else:
                    continue
                ids.append(row.event_id)
                if who is not None and who["name"] not in by:
                    by.append(who["name"])
        status = _CONFIRMATION_STATUS[(confirmed, denied)]
        return {"status": status, "by": by, "event_ids": ids, "details_withheld": withheld}

    def source(self, row: Row) -> dict[str, Any]:
        """Return the source of a development as stored, for reading only."""
        source = row.data.get("source")
        return source if isinstance(source, dict) else {}
