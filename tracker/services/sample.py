"""Load a sample story (the seed article) through the write services, idempotently."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from tracker.domain import ActorAlreadyRegistered, ActorNameTaken, AliasAlreadyPresent
from tracker.sample import SAMPLE_FILE, load_sample, sample_commands
from tracker.services import actors, developments, stories
from tracker.services.results import WriteResult

SAMPLE_RECORDER = {"kind": "system", "name": "load_sample"}


@dataclass(frozen=True)
class SampleReport:
    """What loading stored: new events, and commands whose events were already there."""

    slug: str
    stored: int
    already_there: int


def sample_load(
    *, name: str = SAMPLE_FILE, progress: Callable[[int], object] | None = None
) -> SampleReport:
    """Open the sample story, register its actors and record its developments, once."""
    commands = sample_commands(load_sample(name))
    slug = str(commands.story["slug"])
    outcomes: list[WriteResult | None] = []
    outcomes.append(
        stories.story_open(
            **commands.story,
            recorded_by=SAMPLE_RECORDER,
            idempotency_key=f"sample/{commands.story_event_id}",
        )
    )
    for actor in commands.actors:
        try:
            outcomes.append(
                actors.actor_register(
                    **actor.payload,
                    recorded_by=SAMPLE_RECORDER,
                    idempotency_key=f"sample/{actor.event_id}",
                )
            )
        except ActorAlreadyRegistered:  # named earlier by a development: add the sample's spellings
            outcomes.extend(_aliases_add(actor.actor_id, actor.payload.get("aliases", [])))
        if progress:
            progress(1)
    for development in commands.developments:
        outcomes.append(
            developments.development_record(
                story=slug,
                development=development.payload,
                event_id=development.event_id,
                recorded_by=SAMPLE_RECORDER,
                idempotency_key=f"sample/{development.event_id}",
            )
        )
        if progress:
            progress(1)
    stored = sum(1 for outcome in outcomes if outcome is not None and not outcome.duplicate)
    return SampleReport(slug=slug, stored=stored, already_there=len(outcomes) - stored)


def _aliases_add(actor_id: UUID, aliases: list[dict[str, str]]) -> list[WriteResult | None]:
    """Add the aliases an existing actor lacks; a spelling already taken is left as it is."""
    outcomes: list[WriteResult | None] = []
    for alias in aliases:
        try:
            outcomes.append(
                actors.actor_alias_add(
                    actor_id=actor_id,
                    name=alias["name"],
                    language=alias.get("language"),
                    recorded_by=SAMPLE_RECORDER,
                )
            )
        except (AliasAlreadyPresent, ActorNameTaken):
            outcomes.append(None)
    return outcomes
