"""The actor directory: one fold over the actor streams (registrations, aliases, merges)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tracker.domain.actor_candidates import ActorCandidate, near_actors
from tracker.domain.actor_matching import NameIndex
from tracker.domain.actor_stops import ActorStop, StepUndo, stop_at
from tracker.domain.envelope import ACTOR_STREAM, RecordedEvent
from tracker.domain.event_types import ACTOR_ALIAS_ADDED, ACTOR_MERGED, ACTOR_REGISTERED
from tracker.domain.names import normalize_name
from tracker.domain.upcasting import upcast


@dataclass(slots=True)
class ActorRecord:
    """One actor as its stream says: name, kind, aliases with language, and merge."""

    id: UUID
    name: str
    kind: str
    aliases: list[dict[str, str | None]] = field(default_factory=list)
    description: str | None = None
    wikidata: str | None = None
    merged_into: UUID | None = None
    version: int = 0
    event_ids: list[UUID] = field(default_factory=list)

    def has_name(self, name: str) -> bool:
        """Return whether `name` is this actor's own name or alias (normalized)."""
        normal = normalize_name(name)
        return normal in {normalize_name(a["name"] or "") for a in self.aliases} | {
            normalize_name(self.name)
        }


@dataclass(slots=True)
class ActorDirectory:
    """Every actor by id, and every normalized name or alias -> the actor that has it."""

    actors: dict[UUID, ActorRecord] = field(default_factory=dict)
    by_name: dict[str, UUID] = field(default_factory=dict)
    merged_from: dict[UUID, list[UUID]] = field(default_factory=dict)
    #: The spellings indexed for near matches: built when first asked, then kept up to date.
    names: NameIndex | None = field(default=None, repr=False, compare=False)
    #: The actors stopped at an event that could not be applied, and where (`actor_stops`).
    stopped: dict[UUID, ActorStop] = field(default_factory=dict)

    def left_out(self, event: RecordedEvent) -> bool:
        """Return whether `event` is left out: its actor stopped at it or at an earlier one."""
        stop = self.stopped.get(event.stream_id)
        return stop is not None and stop.covers(event)

    def learn(self, name: str, actor_id: UUID) -> None:
        """Record that `name` names `actor_id`, unless an earlier actor has that name already."""
        normal = normalize_name(name)
        self.by_name.setdefault(normal, actor_id)
        if self.names is not None:
            self.names.add(normal)

    def name_index(self) -> NameIndex:
        """Return the index of every spelling (rebuilt if a spelling was learned beside it)."""
        if self.names is None or self.names.size != len(self.by_name):
            self.names = NameIndex(list(self.by_name))
        return self.names

    def near(self, name: str) -> list[ActorCandidate]:
        """Return the actors with a spelling close to `name` (a name no actor has), best first."""
        return near_actors(self, name)

    def get(self, actor_id: UUID) -> ActorRecord | None:
        """Return the actor's record, or None."""
        return self.actors.get(actor_id)

    def exists(self, actor_id: UUID) -> bool:
        """Return whether an actor with this id is registered."""
        return actor_id in self.actors

    def version_of(self, actor_id: UUID) -> int:
        """Return the version of the actor's stream (0 when it has none)."""
        record = self.actors.get(actor_id)
        return record.version if record else 0

    def canonical(self, actor_id: UUID) -> UUID:
        """Return the actor that `actor_id` was merged into, following merges to the end."""
        seen = {actor_id}
        record = self.actors.get(actor_id)
        while record is not None and record.merged_into is not None:
            if record.merged_into in seen:
                break
            seen.add(record.merged_into)
            actor_id = record.merged_into
            record = self.actors.get(actor_id)
        return actor_id

    def resolve(self, name: str) -> UUID | None:
        """Return the canonical actor whose name or alias is `name` (case/accent-blind)."""
        found = self.by_name.get(normalize_name(name))
        return None if found is None else self.canonical(found)

    def names_of(self, actor_id: UUID) -> list[dict[str, str | None]]:
        """Return the aliases of an actor and of every actor merged into it, without its name."""
        canonical = self.canonical(actor_id)
        record = self.actors.get(canonical)
        own = normalize_name(record.name) if record else ""
        seen = {own}
        out: list[dict[str, str | None]] = []
        for member in self._members(canonical):
            entry = self.actors.get(member)
            if entry is None:
                continue
            for alias in [{"name": entry.name, "language": None}, *entry.aliases]:
                normal = normalize_name(alias["name"] or "")
                if normal not in seen:
                    seen.add(normal)
                    out.append(dict(alias))
        return out

    def _members(self, actor_id: UUID) -> list[UUID]:
        out, todo = [], [actor_id]
        while todo:
            current = todo.pop(0)
            if current in out:
                continue
            out.append(current)
            todo.extend(self.merged_from.get(current, []))
        return out


def _registered(directory: ActorDirectory, event: RecordedEvent, data: Any) -> None:
    if event.stream_id in directory.actors:
        return
    aliases = [
        {"name": str(a.get("name")), "language": a.get("language")}
        for a in data.get("aliases") or []
        if isinstance(a, dict) and a.get("name")
    ]
    record = ActorRecord(
        id=event.stream_id,
        name=str(data.get("name") or ""),
        kind=str(data.get("kind") or "person"),
        aliases=aliases,
        description=data.get("description"),
        wikidata=data.get("wikidata"),
    )
    directory.actors[record.id] = record
    for name in [record.name, *(str(a["name"]) for a in aliases)]:
        directory.learn(name, record.id)


def _alias_added(directory: ActorDirectory, event: RecordedEvent, data: Any) -> None:
    record = directory.actors.get(event.stream_id)
    name = data.get("name")
    if record is None or not name:
        return
    record.aliases.append({"name": str(name), "language": data.get("language")})
    directory.learn(str(name), record.id)


def _merged(directory: ActorDirectory, event: RecordedEvent, data: Any) -> None:
    record = directory.actors.get(event.stream_id)
    try:
        into = UUID(str(data.get("into")))
    except ValueError:
        return
    if record is None or record.merged_into is not None or into == record.id:
        return
    if directory.canonical(into) == record.id:
        return  # would close a cycle
    record.merged_into = into
    directory.merged_from.setdefault(into, []).append(record.id)


_HANDLERS: dict[str, Callable[[ActorDirectory, RecordedEvent, Any], None]] = {
    ACTOR_REGISTERED: _registered,
    ACTOR_ALIAS_ADDED: _alias_added,
    ACTOR_MERGED: _merged,
}


def evolve_actors(directory: ActorDirectory, event: RecordedEvent) -> ActorDirectory:
    """Apply one actor event to the directory (in place) and return it; others are ignored.

    An event that cannot be applied (its step raises, whatever the cause) leaves the directory
    as it was and stops its actor there: that event and the actor's later ones are left out,
    and `directory.stopped` says where. Every other actor goes on.
    """
    handler = _HANDLERS.get(event.event_type)
    if handler is None or event.stream_type != ACTOR_STREAM or directory.left_out(event):
        return directory
    undo = StepUndo(directory, event.stream_id)
    try:
        handler(directory, event, upcast(event.event_type, event.schema_version, event.data))
    except Exception as error:  # any cause: this actor stops here, the others go on
        undo.restore(directory)
        directory.stopped[event.stream_id] = stop_at(event, undo.good_version, error)
        return directory
    record = directory.actors.get(event.stream_id)
    if record is not None:
        record.version = max(record.version, event.version)
        record.event_ids.append(event.event_id)
    return directory


def fold_actors(
    events: Iterable[RecordedEvent], initial: ActorDirectory | None = None
) -> ActorDirectory:
    """Return the directory after applying `events` in order to a copy of `initial`."""
    directory = copy.deepcopy(initial) if initial is not None else ActorDirectory()
    for event in events:
        evolve_actors(directory, event)
    return directory
