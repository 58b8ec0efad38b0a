"""Did you mean …? The editor's answers for new actor names close to registered actors.

When a save is refused with `ambiguous_actor`, the form asks, for each such name, which
candidate it means or whether it is a new actor. Each answer travels with the form as a pair
of fields, `actor-choice-N-name` (the name as typed) and `actor-choice-N` (an actor id, or
`new`); saving again turns every reference spelled that way into `{"actor_id": ...,
"name_as_stated": name}`, or adds `"new": true` to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tracker.backoffice.actions import Refusal
from tracker.domain import FieldError
from tracker.services.results import RegisteredActor

PREFIX = "actor-choice-"
NEW = "new"


@dataclass(frozen=True)
class Prompt:
    """One new name to settle: where it was typed, the actors it may mean, the answer so far."""

    number: int
    name: str
    label: str
    candidates: list[dict[str, Any]]
    chosen: str = ""

    @property
    def field(self) -> str:
        """Return the name of the radio group holding the answer."""
        return f"{PREFIX}{self.number}"


def choices_made(data: Mapping[str, Any]) -> dict[str, str]:
    """Return {name as typed: actor id or "new"} of the answers in submitted form data."""
    made: dict[str, str] = {}
    for key in data:
        if not (key.startswith(PREFIX) and key.endswith("-name")):
            continue
        name = str(data.get(key) or "").strip()
        answer = str(data.get(key.removesuffix("-name")) or "").strip()
        if name and _valid(answer):
            made[name] = answer
    return made


def apply_choices(payload: dict[str, Any], made: Mapping[str, str]) -> dict[str, Any]:
    """Return the development with each reference to an answered name settled by the answer."""
    if not made:
        return payload
    out: dict[str, Any] = {}
    for key, value in payload.items():
        if isinstance(value, list):
            out[key] = [_settled(item, made) for item in value]
        else:
            out[key] = _settled(value, made)
    return out


def prompts(
    ambiguous: Sequence[Mapping[str, Any]], made: Mapping[str, str], labels: Mapping[str, str]
) -> tuple[list[Prompt], list[Prompt]]:
    """Return the questions to ask now, and the earlier answers to keep (as hidden fields)."""
    asked = []
    for number, entry in enumerate(ambiguous):
        name = str(entry["name"])
        head = str(entry["field"]).split(".", 1)[0]
        label = labels.get(head, head.replace("_", " ").capitalize())
        asked.append(Prompt(number, name, label, list(entry["candidates"]), made.get(name, "")))
    names = {prompt.name for prompt in asked}
    kept = [
        Prompt(len(asked) + offset, name, "", [], answer)
        for offset, (name, answer) in enumerate(
            (name, answer) for name, answer in made.items() if name not in names
        )
    ]
    return asked, kept


def for_editors(refusal: Refusal) -> Refusal:
    """Return an ambiguous_actor refusal whose field messages point at the question asked."""
    if not refusal.ambiguous:
        return refusal
    errors: list[FieldError] = [
        {
            "field": f"{entry['field']}.name",
            "message": f"“{entry['name']}” is not yet the name of an actor: did you mean one "
            "listed above? Choose it, or say it is a new actor, then save again.",
        }
        for entry in refusal.ambiguous
    ]
    return dataclasses.replace(refusal, errors=errors)


def registered_note(actors: Sequence[RegisteredActor]) -> str:
    """Return the sentence telling the editor which actors a save registered ("" for none)."""
    if not actors:
        return ""
    names = ", ".join(f"{actor.name} ({actor.kind})" for actor in actors)
    return f" New actor{'s' if len(actors) > 1 else ''} registered: {names}."


def _settled(value: Any, made: Mapping[str, str]) -> Any:
    """Return an actor reference settled by the answer for its name (other values as they are)."""
    if not isinstance(value, dict) or "actor_id" in value:
        return value
    answer = made.get(str(value.get("name") or "").strip())
    if answer is None:
        return value
    if answer == NEW:
        return {**value, "new": True}
    rest = {key: item for key, item in value.items() if key not in ("name", "kind", "new")}
    return {
        **rest,
        "actor_id": answer,
        "name_as_stated": value.get("name_as_stated") or value["name"],
    }


def _valid(answer: str) -> bool:
    if answer == NEW:
        return True
    try:
        UUID(answer)
    except ValueError:
        return False
    return True
