"""Actor events the directory could not apply: where each actor stopped, and how to undo a step.

An actor event whose fold step raises (whatever the cause) is left out of the directory, with
every later event of its actor, so the actor shows its history up to its last good event
while every other actor goes on. The directory says where each actor stopped
(`ActorDirectory.stopped`); recording that is the projection's business.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

if TYPE_CHECKING:
    from tracker.domain.actor_directory import ActorDirectory, ActorRecord
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


@dataclass(slots=True)
class StepUndo:
    """What one actor event may change in the directory, kept to put it back if the step fails.

    A fold step changes its own actor's record and adds names and merge links; nothing else.
    """

    actor_id: UUID
    record: ActorRecord | None
    names: int

    @classmethod
    def before(cls, directory: ActorDirectory, actor_id: UUID) -> StepUndo:
        """Return what to put back of the directory as it is before a step of `actor_id`."""
        record = directory.actors.get(actor_id)
        return cls(actor_id, _record_copy(record), len(directory.by_name))

    def restore(self, directory: ActorDirectory) -> None:
        """Put the directory back as it was before the step."""
        if self.record is None:
            directory.actors.pop(self.actor_id, None)
        else:
            directory.actors[self.actor_id] = self.record
        for name in list(directory.by_name)[self.names :]:
            del directory.by_name[name]
        directory.names = None  # rebuilt when next asked
        for into in list(directory.merged_from):
            members = [
                member
                for member in directory.merged_from[into]
                if (record := directory.actors.get(member)) is not None
                and record.merged_into == into
            ]
            if members:
                directory.merged_from[into] = members
            else:
                del directory.merged_from[into]


def _record_copy(record: ActorRecord | None) -> ActorRecord | None:
    """Return a copy of a record that a step's changes to the original do not reach."""
    if record is None:
        return None
    copied = copy.copy(record)
    copied.aliases = [dict(alias) for alias in record.aliases]
    copied.event_ids = list(record.event_ids)
    return copied
