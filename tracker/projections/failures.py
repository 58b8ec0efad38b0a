"""Streams the projector stopped at: record, list and clear them (the failures table)."""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from uuid import UUID

import django.db
import psycopg
from django.db.models import F
from django.utils import timezone

from tracker.domain import ACTOR_STREAM, ActorStop
from tracker.eventstore import EventStoreError
from tracker.projections.models import ProjectionFailure

log = logging.getLogger(__name__)

ERROR_CHARS = 2000  # how much of an error's text is kept

#: Errors of the connection or the server, not of one stream's events: the whole batch is
#: retried later instead of marking a stream stuck.
INFRASTRUCTURE: tuple[type[BaseException], ...] = (
    django.db.OperationalError,
    django.db.InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
    EventStoreError,
)


@dataclass(frozen=True)
class StoppedAt:
    """The event a stream could not be applied at, and the version its read model shows."""

    stream_id: UUID
    stream_type: str
    event_id: UUID | None
    position: int
    version: int
    good_version: int


def stuck_ids() -> set[UUID]:
    """Return the streams whose read model is stuck (their later events are skipped)."""
    return set(ProjectionFailure.objects.values_list("stream_id", flat=True))


def stuck_among(stream_ids: set[UUID]) -> set[UUID]:
    """Return those of `stream_ids` that are stuck."""
    found = ProjectionFailure.objects.filter(stream_id__in=stream_ids)
    return set(found.values_list("stream_id", flat=True))


def actor_stops(*, but: UUID | None = None) -> dict[UUID, ActorStop]:
    """Return the recorded stops of the actors the directory left out (all but `but`'s).

    A fold of the projection starts from them: an actor recorded stuck stays stopped at its
    recorded event until `retry_projection` clears it, even once a fix would apply it.
    """
    found = ProjectionFailure.objects.filter(stream_type=ACTOR_STREAM, left_out=True)
    if but is not None:
        found = found.exclude(stream_id=but)
    rows = found.values_list("stream_id", "event_id", "position", "version", "good_version")
    return {
        actor_id: ActorStop(
            actor_id=actor_id,
            event_id=event_id or actor_id,  # not read: the version says where
            position=position,
            version=version,
            good_version=good_version,
        )
        for actor_id, event_id, position, version, good_version in rows
    }


def stuck() -> list[ProjectionFailure]:
    """Return every recorded failure, oldest first."""
    return list(ProjectionFailure.objects.all())


def error_text(error: BaseException) -> str:
    """Return an error's type and message (and where it was raised), shortened."""
    where = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
    place = f" (at {where[0].filename}:{where[0].lineno})" if where else ""
    text = f"{type(error).__name__}: {error}".strip() + place
    return text if len(text) <= ERROR_CHARS else text[: ERROR_CHARS - 3] + "..."


def record(stopped: StoppedAt, error: BaseException, *, left_out: bool = False) -> None:
    """Record (or, when it is stuck already, update) a stream's failure, and log it once.

    `left_out`: an actor event the directory could not apply. Its stop is kept: every fold of
    the projection starts from it (`actor_stops`) until a retry clears it, so the actor stays
    stuck there whatever the code does now. An actor whose rows the database refused is not
    left out: the directory applied its events.
    """
    now = timezone.now()
    text = error_text(error)
    fields = {
        "stream_type": stopped.stream_type,
        "event_id": stopped.event_id,
        "position": stopped.position,
        "version": stopped.version,
        "good_version": stopped.good_version,
        "error": text,
        "left_out": left_out,
        "last_seen": now,
    }
    updated = ProjectionFailure.objects.filter(stream_id=stopped.stream_id).update(
        attempts=F("attempts") + 1, **fields
    )
    if not updated:
        ProjectionFailure.objects.create(stream_id=stopped.stream_id, first_seen=now, **fields)
    log.error(
        "projector: %s %s stuck at version %s: event %s (position %s) could not be applied: %s",
        stopped.stream_type,
        stopped.stream_id,
        stopped.good_version,
        stopped.event_id,
        stopped.position,
        text,
    )


def record_again(failure: ProjectionFailure, error: BaseException) -> StoppedAt:
    """Record another attempt at a failure that stays where it was; return where it stops."""
    stopped = StoppedAt(
        failure.stream_id,
        failure.stream_type,
        failure.event_id,
        failure.position,
        failure.version,
        failure.good_version,
    )
    record(stopped, error)
    return stopped


def clear(stream_id: UUID) -> bool:
    """Forget a stream's failure; return whether there was one."""
    deleted, _ = ProjectionFailure.objects.filter(stream_id=stream_id).delete()
    return deleted > 0


def stuck_one(stream_id: UUID) -> ProjectionFailure | None:
    """Return a stream's failure, or None when it is not stuck."""
    return ProjectionFailure.objects.filter(stream_id=stream_id).first()
