"""Apply stuck stories (or actors) again after a fix, clearing their failure when they apply."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker import bootstrap
from tracker.projections import retry
from tracker.projections.retry import RetryOutcome
from tracker.services import streams
from tracker.services.errors import NotFound


class Command(BaseCommand):
    help = (
        "Re-fold a stuck story from its events and replace its read model; the failure is "
        "cleared when every event applies. STORY is a slug or an id (an actor's id works too)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Accept a story (slug or id) or --all."""
        parser.add_argument("story", nargs="?", help="slug or id of the stuck story")
        parser.add_argument("--all", action="store_true", help="retry every stuck stream")

    def handle(self, *args: Any, **options: Any) -> None:
        """Retry, print what happened, exit non-zero if anything is still stuck."""
        store = bootstrap.event_store()
        if options["all"] == bool(options["story"]):
            raise CommandError("name one STORY, or pass --all")
        if options["all"]:
            outcomes = retry.retry_all(store)
        else:
            try:
                stream_id = streams.story_id_of(options["story"])
            except NotFound as error:
                raise CommandError(str(error)) from error
            outcomes = [retry.retry(store, stream_id)]
        for outcome in outcomes:
            self.stdout.write(_line(outcome))
        still = [outcome for outcome in outcomes if not outcome.healed]
        if still:
            raise CommandError(f"{len(still)} stream(s) still stuck")


def _line(outcome: RetryOutcome) -> str:
    if not outcome.was_stuck:
        return f"{outcome.stream_id}: not stuck, nothing to do"
    if outcome.stopped is None:
        return f"{outcome.stream_id}: applied, no longer stuck"
    stopped = outcome.stopped
    return (
        f"{outcome.stream_id}: still stuck at version {stopped.good_version}: event "
        f"{stopped.event_id} (position {stopped.position}) does not apply"
    )
