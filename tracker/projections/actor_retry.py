"""Apply a stuck actor again after a fix: fold the directory again, render what it changed."""

from __future__ import annotations

from uuid import UUID

from django.db import transaction

from tracker.domain import ActorDirectory, ActorStop, fold_actors
from tracker.eventstore import EventStore
from tracker.projections import apply, failures, isolation
from tracker.projections.directory import actor_events, directories_forget, directory_seed
from tracker.projections.failures import StoppedAt
from tracker.projections.models import ProjectionFailure
from tracker.projections.tables import pending_mark, story_ids_involving


def actor_retry(store: EventStore, failure: ProjectionFailure, end: int) -> StoppedAt | None:
    """Fold the actors again up to `end`; return where the actor stops, or None when it applies.

    When it applies, the rows of every actor the fold changed (and of the actors merged with
    them) are written again, and the stories showing them are marked to render again (all
    their rows: pending level 2). The caller holds the batch lock and clears the failure.
    The fold starts from every recorded actor stop but the retried one's (the others stay
    stuck until they are retried too).
    """
    directories_forget()  # this process's directories fold again from the first event
    directory = fold_actors(actor_events(store, end), directory_seed(but=failure.stream_id))
    stop = directory.stopped.get(failure.stream_id)
    if stop is not None:
        return isolation.actor_stop_record(stop)
    stuck = failures.stuck_ids() - {failure.stream_id}
    shown_before = stuck_directory(store, failure, end)
    changed = changed_actors(shown_before, directory) | {failure.stream_id}
    affected = apply.related_actors(directory, changed) | apply.related_actors(
        shown_before, changed
    )
    refused = stuck - set(directory.stopped)  # actors whose rows the database refused
    try:
        with transaction.atomic():
            apply.actors_replace(affected - refused, directory)
    except failures.INFRASTRUCTURE:
        raise
    except Exception as error:
        return failures.record_again(failure, error)
    pending_mark(story_ids_involving(affected) - stuck, level=2)
    return None


def stuck_directory(store: EventStore, failure: ProjectionFailure, end: int) -> ActorDirectory:
    """Return the directory the read models show: the actor left out from its failed event on.

    The other actors recorded stuck are left out from theirs, as in every fold of the projection.
    """
    stop = ActorStop(
        actor_id=failure.stream_id,
        event_id=failure.event_id or failure.stream_id,  # not read: the version says where
        position=failure.position,
        version=failure.version,
        good_version=failure.good_version,
    )
    seed = directory_seed(but=failure.stream_id)
    seed.stopped[stop.actor_id] = stop
    return fold_actors(actor_events(store, end), seed)


def changed_actors(before: ActorDirectory, after: ActorDirectory) -> set[UUID]:
    """Return the actors whose records differ between two directories."""
    return {
        actor_id
        for actor_id in before.actors.keys() | after.actors.keys()
        if before.actors.get(actor_id) != after.actors.get(actor_id)
    }
