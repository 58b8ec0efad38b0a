"""Actor events the directory could not apply: where each actor stopped, and how to undo a step.

An actor event whose fold step raises (whatever the cause) is left out of the directory, with
every later event of its actor, so the actor shows its history up to its last good event
while every other actor goes on. The directory says where each actor stopped
(`ActorDirectory.stopped`); recording that is the projection's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

if TYPE_CHECKING:
    from tracker.domain.actor_directory import ActorDirectory
    from tracker.domain.envelope import RecordedEvent


@dataclass(frozen=True)
class ActorStop:
    """The first event of an actor the directory could not apply: it and later ones are out."""

    actor_id: UUID
    event_id: UUID
    position: int
    version: int
    good_version: int
    error: BaseException | None = field(default=None, compare=False)

    def __deepcopy__(self, memo: dict[int, Any]) -> ActorStop:
        """Return itself: a stop never changes (and its error need not be copied)."""
        return self

    def covers(self, event: RecordedEvent) -> bool:
        """Return whether `event` is one of the events this stop leaves out."""
        return event.stream_id == self.actor_id and event.version >= self.version


def stop_at(event: RecordedEvent, good_version: int, error: BaseException) -> ActorStop:
    """Return the stop of `event`'s actor at `event`, its actor shown at `good_version`."""
    return ActorStop(
        actor_id=event.stream_id,
        event_id=event.event_id,
        position=event.position,
        version=event.version,
        good_version=good_version,
        error=error,
    )


class StepUndo:
    """What one actor event may change in the directory, kept to put it back if the step fails.

    A fold step changes its own actor's record (its fields, and its lists by appending) and
    adds names and merge links; nothing else. Only what that can change is kept: it is cheap.
    """

    __slots__ = ("actor_id", "aliases", "event_ids", "fields", "names", "record")

    def __init__(self, directory: ActorDirectory, actor_id: UUID) -> None:
        """Keep what to put back of the directory as it is before a step of `actor_id`."""
        record = directory.actors.get(actor_id)
        self.actor_id = actor_id
        self.record = record
        self.names = len(directory.by_name)
        if record is None:
            self.fields: tuple[Any, ...] = ()
            self.aliases: tuple[list[dict[str, str | None]], int] = ([], 0)
            self.event_ids: tuple[list[UUID], int] = ([], 0)
        else:
            self.fields = (
                record.name,
                record.kind,
                record.description,
                record.wikidata,
                record.merged_into,
                record.version,
            )  # as _FIELDS
            self.aliases = (record.aliases, len(record.aliases))
            self.event_ids = (record.event_ids, len(record.event_ids))

    @property
    def good_version(self) -> int:
        """Return the version the actor showed before the step (0: it was not registered)."""
        return int(self.fields[_FIELDS.index("version")]) if self.record is not None else 0

    def restore(self, directory: ActorDirectory) -> None:
        """Put the directory back as it was before the step."""
        record = self.record
        if record is None:
            directory.actors.pop(self.actor_id, None)
        else:
            directory.actors[self.actor_id] = record
            for name, value in zip(_FIELDS, self.fields, strict=True):
                setattr(record, name, value)
            (aliases, alias_count), (event_ids, event_count) = self.aliases, self.event_ids
            del aliases[alias_count:]
            del event_ids[event_count:]
            record.aliases, record.event_ids = aliases, event_ids
        for name in list(directory.by_name)[self.names :]:
            del directory.by_name[name]
        directory.names = None  # rebuilt when next asked
        for into in list(directory.merged_from):
            members = [
                member
                for member in directory.merged_from[into]
                if (found := directory.actors.get(member)) is not None and found.merged_into == into
            ]
            if members:
                directory.merged_from[into] = members
            else:
                del directory.merged_from[into]


#: The fields of an actor record a step may set (its lists are kept by length).
_FIELDS = ("name", "kind", "description", "wikidata", "merged_into", "version")
