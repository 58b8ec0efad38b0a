"""Random but valid command sequences, run through the decisions against the evolving state."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from hypothesis import strategies as st

from tests.domain.support import MemoryStore, new_id
from tracker.domain import (
    DEVELOPMENT_TYPES,
    DomainError,
    StoryState,
    actor_id_for_name,
    decide_add_alias,
    decide_change_story_status,
    decide_correct_development,
    decide_merge_actors,
    decide_open_story,
    decide_record_development,
    decide_retitle_story,
    decide_retract_development,
)

NAMES = [
    "Kirill Dmitrijew",
    "Kirill Dmitriev",
    "KIRILL DMITRÍJEW",
    "Кирилл Дмитриев",
    "Wladimir Putin",
    "Donald Trump",
    "Russland",
    "USA",
    "Steve Witkoff",
]
SOURCES = [
    {"outlet": "Der Spiegel", "language": "de", "published_at": "2025-04-03T08:15:00Z"},
    {"outlet": "Reuters", "url": "https://example.org/a", "language": "en"},
]
TIMES = [None, "2021", "2024", "2025-04", "2025-04-02", "2025-04-02T10:00:00Z", "2025-03-30"]
STATUSES = {
    "visit": ["planned", "under_way", "completed", "cancelled"],
    "talks": ["proposed", "scheduled", "held", "stalled", "resumed", "concluded", "collapsed"],
}
POINTERS = {
    "confirmation": "confirms",
    "denial": "denies",
    "rejection": "rejects",
    "sanctions_decision": "responds_to",
}

#: One command: (operation, two choice numbers).
commands = st.lists(
    st.tuples(st.integers(0, 9), st.integers(0, 10_000), st.integers(0, 10_000)), max_size=30
)


def development(type_name: str, b: int, targets: list[UUID]) -> dict[str, Any]:
    """Return a valid development of `type_name`, varied by `b`."""
    name = NAMES[b % len(NAMES)]
    other = NAMES[(b // 7) % len(NAMES)]
    body: dict[str, Any] = {
        "type": type_name,
        "summary": f"{type_name} {b}",
        "source": SOURCES[b % 2],
        "occurred_at": TIMES[b % len(TIMES)],
        "actors": [{"name": other, "role": "witness"}],
    }
    fields: dict[str, dict[str, Any]] = {
        "visit": {
            "visitor": name,
            "destination": ["Washington", "Moskau"][b % 2],
            "hosts": [other],
            "status": STATUSES["visit"][b % 4],
        },
        "talks": {
            "parties": [name, other],
            "topic": ["Ukraine", "Economy"][b % 2],
            "status": STATUSES["talks"][b % 7],
        },
        "statement": {"speaker": name, "content": f"words {b}", "conditions": ["x"] * (b % 2)},
        "confirmation": {"confirmer": name, "content": "yes", "details_withheld": bool(b % 2)},
        "denial": {"denier": name, "content": "no"},
        "sanctions_request": {"requester": name, "addressee": other, "sanctions": ["oil"]},
        "sanctions_decision": {
            "decider": name,
            "target": other,
            "action": ["imposed", "eased", "lifted", "refused"][b % 4],
        },
        "offer": {"offerer": name, "domain": "economic", "content": "deal"},
        "agreement": {"parties": [name, other], "terms": "terms"},
        "rejection": {"rejecter": name, "content": "no"},
        "figure": {
            "metric": "trade",
            "value": str(b),
            "unit": "USD",
            "period": ["2021", "2024"][b % 2],
        },
        "appointment": {"person": name, "role": "envoy"},
        "other": {"content": "misc", "cameo": "010", "plover": "CONSULT"},
    }
    body |= fields[type_name]
    pointer = POINTERS.get(type_name)
    if pointer and targets and b % 3:
        body[pointer] = str(targets[b % len(targets)])
    if body["occurred_at"] is None:
        del body["occurred_at"]
    return body


def change(type_name: str, b: int, targets: list[UUID]) -> dict[str, Any]:
    """Return a correction's changes for a development of `type_name`, varied by `b`."""
    options: list[dict[str, Any]] = [
        {"summary": f"corrected {b}"},
        {"occurred_at": TIMES[1 + b % (len(TIMES) - 1)]},
        {"actors": [{"name": NAMES[b % len(NAMES)], "role": "source"}]},
        {"modality": "hypothetical", "location": "Genf"},
    ]
    if type_name in STATUSES:
        options.append({"status": STATUSES[type_name][b % len(STATUSES[type_name])]})
    if type_name == "figure":
        options.append({"value": f"{b}.5", "period": "2023"})
    if type_name in POINTERS and targets:
        options.append({POINTERS[type_name]: str(targets[b % len(targets)])})
    return options[b % len(options)]


@dataclass
class Run:
    """The result of running commands: the store, story id, and a snapshot per story version."""

    store: MemoryStore
    story_id: UUID
    snapshots: dict[int, StoryState] = field(default_factory=dict)
    refused: int = 0


def run(steps: list[tuple[int, int, int]], label: str = "") -> Run:
    """Run commands through the decisions, appending what they return; refusals are skipped."""
    store = MemoryStore()
    story_id = new_id(f"story {label}")
    result = Run(store, story_id)

    def append(events: list[Any]) -> None:
        for event in store.append(events):
            if event.stream_id == story_id:
                result.snapshots[event.version] = copy.deepcopy(store.story(story_id))

    append(decide_open_story(story=None, story_id=story_id, event_id=new_id(label), title="T"))
    for index, step in enumerate(steps):
        try:
            append(decide(store, story_id, step, new_id((label, index, step))))
        except DomainError:
            result.refused += 1
    return result


def decide(
    store: MemoryStore, story_id: UUID, step: tuple[int, int, int], event_id: UUID
) -> list[Any]:
    """Decide one command against the store's current state."""
    op, a, b = step
    story, directory = store.story(story_id), store.directory
    devs = list(story.developments)
    live = [d for d in devs if not story.developments[d].retracted]
    actors = sorted(directory.actors)
    if op <= 4 or (op in (5, 6) and not devs) or (op in (7, 8) and not actors):
        type_name = DEVELOPMENT_TYPES[a % len(DEVELOPMENT_TYPES)]
        return decide_record_development(
            story=story,
            development=development(type_name, b, live),
            event_id=event_id,
            resolve_actor=directory.resolve,
            actor_exists=directory.exists,
        )
    if op == 5:
        target = devs[a % len(devs)]
        return decide_correct_development(
            story=story,
            target=target,
            event_id=event_id,
            reason="fix",
            changes=change(story.developments[target].type, b, live),
            resolve_actor=directory.resolve,
            actor_exists=directory.exists,
        )
    if op == 6:
        return decide_retract_development(
            story=story, target=devs[a % len(devs)], reason="false", event_id=event_id
        )
    if op == 7:
        return decide_add_alias(
            directory=directory,
            actor_id=actors[a % len(actors)],
            event_id=event_id,
            name=NAMES[b % len(NAMES)] + ("" if b % 3 else " Jr"),
            language="en",
        )
    if op == 8:
        return decide_merge_actors(
            directory=directory,
            actor_id=actors[a % len(actors)],
            into=actors[b % len(actors)],
            event_id=event_id,
        )
    if b % 2:
        return decide_retitle_story(story=story, event_id=event_id, title=f"Title {a % 3}")
    status = ["developing", "dormant", "concluded"][a % 3]
    return decide_change_story_status(story=story, event_id=event_id, status=status)


def registered(name: str) -> UUID:
    """Return the id a name is auto-registered under."""
    return actor_id_for_name(name)
