"""Shared lookups for rendering a story: actor names, involvement, confirmation, order."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from tracker.domain.actor_directory import ActorDirectory
from tracker.domain.developments import DEVELOPMENT_MODELS
from tracker.domain.state import DevelopmentRecord, StoryState
from tracker.domain.timeparse import iso


def timeline_key(record: DevelopmentRecord) -> tuple[datetime, int]:
    """Order by when it happened (else reported, else recorded), then by position."""
    moment = record.occurred_at or record.reported_at or record.recorded_at
    return moment, record.position


def json_copy(value: Any) -> Any:
    """Return a copy of JSON-shaped data (dicts, lists, scalars), faster than deepcopy."""
    if isinstance(value, dict):
        return {key: json_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_copy(item) for item in value]
    return value


def iso_or_none(moment: datetime | None) -> str | None:
    """Return an ISO text in UTC, or None."""
    return iso(moment) if moment is not None else None


class StoryView:
    """A story state and the actor directory, indexed once for building its document."""

    def __init__(self, state: StoryState, actors: ActorDirectory) -> None:
        self.state = state
        self.actors = actors
        self._canonical: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self.active = state.active()
        self.ordered = sorted(self.active, key=timeline_key)
        self.timeline = sorted(state.developments.values(), key=timeline_key)
        self.pointing: dict[str, list[DevelopmentRecord]] = {}
        for record in self.ordered:
            for field in DEVELOPMENT_MODELS[record.type].reference_fields:
                target = record.data.get(field)
                if target:
                    self.pointing.setdefault(str(target), []).append(record)

    def of_type(self, type_name: str) -> list[DevelopmentRecord]:
        """Return the active developments of one type, in timeline order."""
        return [r for r in self.ordered if r.type == type_name]

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

    def involvement(self, record: DevelopmentRecord) -> list[tuple[dict[str, Any], str]]:
        """Return (stored reference, role) for every actor a development names."""
        out: list[tuple[dict[str, Any], str]] = []
        for field, role in DEVELOPMENT_MODELS[record.type].actor_fields:
            value = record.data.get(field)
            for ref in value if isinstance(value, list) else [value]:
                if isinstance(ref, dict):
                    out.append((ref, role))
        for ref in record.data.get("actors") or []:
            if isinstance(ref, dict):
                out.append((ref, str(ref.get("role") or "involved")))
        return out

    def confirmation(self, event_ids: Iterable[str]) -> dict[str, Any]:
        """Return {status, by, event_ids} from the confirmations and denials pointing here."""
        confirmed, denied, by, ids = False, False, [], []
        withheld = False
        for event_id in event_ids:
            for record in self.pointing.get(event_id, []):
                if record.type == "confirmation" and record.data.get("confirms") == event_id:
                    confirmed = True
                    withheld = withheld or bool(record.data.get("details_withheld"))
                    who = self.actor(record.data.get("confirmer"))
                elif record.type == "denial" and record.data.get("denies") == event_id:
                    denied = True
                    who = self.actor(record.data.get("denier"))
                else:
                    continue
                ids.append(str(record.event_id))
                if who is not None and who["name"] not in by:
                    by.append(who["name"])
        status = {
            (False, False): "unconfirmed",
            (True, False): "confirmed",
            (False, True): "denied",
            (True, True): "disputed",
        }[(confirmed, denied)]
        return {"status": status, "by": by, "event_ids": ids, "details_withheld": withheld}

    def source(self, record: DevelopmentRecord) -> dict[str, Any]:
        """Return the source of a development as stored."""
        source = record.data.get("source")
        return dict(source) if isinstance(source, dict) else {}
