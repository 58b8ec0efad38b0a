"""Turn a validated development into its stored form: actors resolved, codes derived."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any
from uuid import UUID, uuid5

from tracker.domain.bounds import NEW_ACTORS
from tracker.domain.codes import derive_codes
from tracker.domain.development_base import DevelopmentIn
from tracker.domain.envelope import ACTOR_STREAM, PendingEvent
from tracker.domain.errors import (
    AmbiguousActor,
    AmbiguousName,
    DevelopmentRetracted,
    FieldError,
    StoryNotFound,
    UnknownActor,
    UnknownDevelopment,
    ValidationFailed,
)
from tracker.domain.event_types import ACTOR_REGISTERED, schema_version_of
from tracker.domain.names import ACTOR_NAMESPACE, actor_id_for_name
from tracker.domain.state import StoryState

Resolver = Callable[[str], UUID | None]
Exists = Callable[[UUID], bool]
#: The registered actors close to a name no actor has (ActorDirectory.near), best first.
Near = Callable[[str], Sequence[Mapping[str, Any]]]

#: Roles whose unknown names are registered as persons; other roles register organizations,
#: unless the reference carries a `kind`.
PERSON_ROLES = frozenset({"visitor", "speaker", "confirmer", "denier", "rejecter", "appointee"})
DERIVED_KEYS = ("cameo", "plover")


def require_story(story: StoryState | None) -> StoryState:
    """Return the story if it was opened; raise StoryNotFound otherwise."""
    if story is None or not story.opened:
        raise StoryNotFound("no story with this id; open it first")
    return story


def check_references(story: StoryState, model: DevelopmentIn) -> str | None:
    """Check that the development's pointers name live developments; return the target type."""
    target_type = None
    for field in model.reference_fields:
        target = getattr(model, field)
        if target is None:
            continue
        record = story.developments.get(target)
        if record is None:
            raise UnknownDevelopment(f"{field}: {target} is not a development of this story")
        if record.retracted:
            raise DevelopmentRetracted(f"{field}: development {target} was retracted")
        target_type = record.type
    return target_type


class ActorResolution:
    """Resolve actor references of one command; unknown names become registrations.

    With `near_actors`, a name no actor has but close to registered actors' names is not
    registered unless its reference says `"new": true`: the command is refused with the
    candidates (AmbiguousActor), so that the client names the actor it means by id.
    """

    def __init__(
        self,
        *,
        resolve_actor: Resolver,
        actor_exists: Exists,
        event_id: UUID,
        near_actors: Near | None = None,
    ) -> None:
        self._resolve = resolve_actor
        self._exists = actor_exists
        self._near = near_actors
        self._event_id = event_id
        self.registrations: dict[UUID, PendingEvent] = {}
        self.ambiguous: dict[UUID, AmbiguousName] = {}
        self.errors: list[FieldError] = []

    def ref(self, value: Mapping[str, Any], field: str, role: str) -> dict[str, Any]:
        """Return the stored form {actor_id, name_as_stated} of one reference."""
        name = value.get("name")
        stated = value.get("name_as_stated") or name
        if name is None:
            actor_id = UUID(str(value["actor_id"]))
            if not (actor_id in self.registrations or self._exists(actor_id)):
                self.errors.append(
                    {"field": f"{field}.actor_id", "message": f"no actor has the id {actor_id}"}
                )
            return {"actor_id": str(actor_id), "name_as_stated": stated}
        found = self._resolve(name)
        if found is None:
            found = actor_id_for_name(name)
            if not (found in self.registrations or self._exists(found)):
                if not value.get("new") and self._ambiguous(found, name, field):
                    return {"actor_id": str(found), "name_as_stated": stated}
                kind = value.get("kind") or ("person" if role in PERSON_ROLES else "organization")
                self.registrations[found] = _registration(found, name, kind, self._event_id)
        return {"actor_id": str(found), "name_as_stated": stated}

    def stored(self, model: DevelopmentIn, target_type: str | None) -> dict[str, Any]:
        """Return the stored data of a development; raise UnknownActor for unknown ids."""
        data = model.model_dump(mode="json", exclude_none=True)
        data.pop("type", None)
        for field, role in model.actor_fields:
            value = data.get(field)
            if isinstance(value, list):
                data[field] = [self.ref(v, f"{field}.{i}", role) for i, v in enumerate(value)]
            elif value is not None:
                data[field] = self.ref(value, field, role)
        data["actors"] = [
            self.ref(v, f"actors.{i}", v["role"]) | {"role": v["role"]}
            for i, v in enumerate(data.get("actors", []))
        ]
        if self.errors:
            raise UnknownActor(self.errors)
        unsure = [entry for key, entry in self.ambiguous.items() if key not in self.registrations]
        if unsure:
            raise AmbiguousActor(unsure)
        self.check_new_actors()
        if model.type == "figure" and "period" not in data:
            data["period"] = data["occurred_at"]
        if "reported_at" not in data and data["source"].get("published_at"):
            data["reported_at"] = data["source"]["published_at"]
        cameo, plover = derive_codes(model.type, data, target_type=target_type)
        data.pop("cameo", None)
        data.pop("plover", None)
        if cameo is not None:
            data["cameo"] = cameo
        if plover is not None:
            data["plover"] = plover
        return data

    def _ambiguous(self, actor_id: UUID, name: str, field: str) -> bool:
        """Return whether registered actors have names close to `name` (noting them if so)."""
        if actor_id in self.ambiguous:
            return True
        candidates = list(self._near(name)) if self._near is not None else []
        if candidates:
            self.ambiguous[actor_id] = {"field": field, "name": name, "candidates": candidates}
        return bool(candidates)

    def check_new_actors(self) -> None:
        """Raise ValidationFailed when the command would register more than NEW_ACTORS actors."""
        if len(self.registrations) > NEW_ACTORS:
            message = (
                f"names {len(self.registrations)} actors that are not registered yet; one "
                f"request may register at most {NEW_ACTORS}: register the others first"
            )
            raise ValidationFailed([{"field": "actors", "message": message}])


def stored_to_input(type_name: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """Return stored development data as input again (for validating corrections)."""
    out = {"type": type_name, **data}
    if type_name != "other":
        for key in DERIVED_KEYS:
            out.pop(key, None)
    return out


def _registration(actor_id: UUID, name: str, kind: str, event_id: UUID) -> PendingEvent:
    return PendingEvent(
        stream_id=actor_id,
        stream_type=ACTOR_STREAM,
        event_id=uuid5(ACTOR_NAMESPACE, f"registration/{event_id}/{actor_id}"),
        event_type=ACTOR_REGISTERED,
        data={"name": name, "kind": kind, "aliases": []},
        schema_version=schema_version_of(ACTOR_REGISTERED),
    )
