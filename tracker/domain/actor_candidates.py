"""Registered actors whose names are close to a name no actor has: what to ask an editor about."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict
from uuid import UUID

from tracker.domain.actor_matching import PART_OF_NAME, SPELLING, TRANSLITERATION, NameMatch
from tracker.domain.names import normalize_name

if TYPE_CHECKING:
    from tracker.domain.actor_directory import ActorDirectory

CANDIDATES = 5  # at most this many actors are offered for one name


class AliasOut(TypedDict):
    """One spelling of an actor's name and its language."""

    name: str | None
    language: str | None


class ActorCandidate(TypedDict):
    """A registered actor a new name may mean, the spelling it matched, and why."""

    id: str
    name: str
    kind: str
    aliases: list[AliasOut]
    matched: str
    reason: str
    distance: int
    why: str


def near_actors(
    directory: ActorDirectory, name: str, limit: int = CANDIDATES
) -> list[ActorCandidate]:
    """Return the actors (merged ones as the actor they joined) with a spelling close to `name`."""
    best: dict[UUID, NameMatch] = {}
    for match in directory.name_index().near(name):
        owner = directory.by_name.get(match.normal)
        if owner is None:
            continue
        actor_id = directory.canonical(owner)
        if actor_id not in best:  # matches come best first
            best[actor_id] = match
    found = []
    for actor_id, match in list(best.items())[:limit]:
        record = directory.get(actor_id)
        if record is None:
            continue
        aliases: list[AliasOut] = [
            {"name": alias["name"], "language": alias["language"]}
            for alias in directory.names_of(actor_id)
        ]
        spelled = _spelling(match.normal, [record.name, *(a["name"] or "" for a in aliases)])
        found.append(
            ActorCandidate(
                id=str(actor_id),
                name=record.name,
                kind=record.kind,
                aliases=aliases,
                matched=spelled,
                reason=match.reason,
                distance=match.distance,
                why=why(name, spelled, match),
            )
        )
    return found


def why(asked: str, spelled: str, match: NameMatch) -> str:
    """Return, for a person, why the asked name may mean the actor with the spelling `spelled`."""
    if match.reason == TRANSLITERATION:
        return f"“{asked}” and “{spelled}” are one name in another spelling or script"
    if match.reason == SPELLING:
        edits = "one edit" if match.distance == 1 else f"{match.distance} edits"
        return f"“{asked}” is {edits} away from “{spelled}” (letters added, dropped or swapped)"
    if match.reason == PART_OF_NAME:
        shorter, longer = sorted((asked, spelled), key=lambda text: len(text.split()))
        spelling = ", spelled differently" if match.distance else ""
        return f"“{shorter}” is part of the name “{longer}”{spelling}"
    return f"“{asked}” has the words of “{spelled}” in another order"


def _spelling(normal: str, spellings: list[str]) -> str:
    """Return the spelling whose normal form is `normal` (the first one if none is)."""
    return next((text for text in spellings if normalize_name(text) == normal), spellings[0])
