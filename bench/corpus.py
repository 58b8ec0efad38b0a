"""Generate a benchmark corpus: many stories with the vocabulary's mix of developments."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from tracker.domain import (
    ActorDirectory,
    DomainError,
    PendingEvent,
    StoryState,
    decide_correct_development,
    decide_open_story,
    decide_record_development,
    decide_register_actor,
    decide_retract_development,
    evolve,
    evolve_actors,
)

#: Development types and their share of a story's events (corrections/retractions apart).
MIX = {
    "statement": 22, "visit": 9, "talks": 9, "confirmation": 9, "figure": 9,
    "sanctions_request": 5, "denial": 3, "sanctions_decision": 3, "offer": 3, "agreement": 2,
    "rejection": 2, "appointment": 2, "other": 3, "development_corrected": 8,
    "development_retracted": 2,
}  # fmt: skip
NAMES = [f"Actor {n}" for n in range(200)]
CAST = 8  # actors a story is about
SOURCE = {"outlet": "Der Spiegel", "language": "de", "quote": "Zitat", "quote_translation": "Quote"}
POINTERS = {"confirmation": "confirms", "denial": "denies", "rejection": "rejects"}


def development_input(
    type_name: str, rng: random.Random, targets: list[UUID], cast: list[str]
) -> dict[str, Any]:
    """Return a valid development of `type_name` in the API input shape, among `cast`."""
    a, b = rng.choice(cast), rng.choice(cast)
    fields: dict[str, dict[str, Any]] = {
        "visit": {"visitor": a, "destination": "Washington", "status": "under_way"},
        "talks": {"parties": [a, b], "topic": rng.choice(["Ukraine", "Trade"]), "status": "held"},
        "statement": {"speaker": a, "content": "Relations will recover step by step"},
        "confirmation": {"confirmer": a, "content": "Confirmed"},
        "denial": {"denier": a, "content": "Denied"},
        "sanctions_request": {"requester": a, "addressee": b, "sanctions": ["banking"]},
        "sanctions_decision": {"decider": a, "target": b, "action": "eased"},
        "offer": {"offerer": a, "recipient": b, "domain": "economic", "content": "Deal"},
        "agreement": {"parties": [a, b], "terms": "Terms"},
        "rejection": {"rejecter": a, "content": "No"},
        "figure": {"metric": "trade volume", "value": str(rng.randint(1, 99)), "unit": "USD",
                   "period": str(rng.randint(2015, 2025))},
        "appointment": {"person": a, "role": "envoy"},
        "other": {"content": "Misc", "cameo": "010", "plover": "CONSULT"},
    }  # fmt: skip
    body = {"type": type_name, "summary": f"{type_name} report", "source": SOURCE}
    body["occurred_at"] = f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    body |= fields[type_name]
    if type_name in POINTERS and targets:
        body[POINTERS[type_name]] = str(rng.choice(targets))
    return body


class Corpus:
    """Decides a corpus story by story, keeping the actor directory up to date."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.directory = ActorDirectory()
        self.types = [name for name, weight in MIX.items() for _ in range(weight)]
        self.cast = NAMES[:CAST]

    def actors(self) -> list[PendingEvent]:
        """Return the registrations of the corpus's actors."""
        pending = []
        for name in NAMES:
            actor_id = uuid4()
            events = decide_register_actor(
                directory=self.directory,
                actor_id=actor_id,
                event_id=uuid4(),
                actor={"name": name, "kind": "person"},
            )
            for event in events:
                evolve_actors(self.directory, _recorded(event, 1))
            pending += events
        return pending

    def story(self, size: int) -> Iterator[PendingEvent]:
        """Yield the events of one story of `size` events."""
        state, story_id = StoryState(), uuid4()
        self.cast = self.rng.sample(NAMES, CAST)
        opened = decide_open_story(
            story=None, story_id=story_id, event_id=uuid4(), title="Story", slug=f"s-{story_id}"
        )
        yield from self._apply(state, opened)
        while state.version < size:
            try:
                yield from self._apply(state, self._decide(state))
            except DomainError:
                continue

    def _decide(self, state: StoryState) -> list[PendingEvent]:
        live = [d for d, record in state.developments.items() if not record.retracted]
        kind = self.rng.choice(self.types)
        if kind == "development_corrected" and live:
            return decide_correct_development(
                story=state, target=self.rng.choice(live), changes={"summary": "corrected"},
                reason="fix", event_id=uuid4(), resolve_actor=self.directory.resolve,
                actor_exists=self.directory.exists,
            )  # fmt: skip
        if kind == "development_retracted" and live:
            target = self.rng.choice(live)
            return decide_retract_development(
                story=state, target=target, reason="false", event_id=uuid4()
            )
        if kind.startswith("development_"):
            kind = "statement"
        return decide_record_development(
            story=state, development=development_input(kind, self.rng, live, self.cast),
            event_id=uuid4(),
            resolve_actor=self.directory.resolve, actor_exists=self.directory.exists,
        )  # fmt: skip

    def _apply(self, state: StoryState, pending: list[PendingEvent]) -> Iterator[PendingEvent]:
        for event in pending:
            evolve(state, _recorded(event, state.version + 1))
            yield event


def _recorded(event: PendingEvent, version: int) -> Any:
    return event.recorded(position=0, version=version, recorded_at=datetime.now(UTC))
