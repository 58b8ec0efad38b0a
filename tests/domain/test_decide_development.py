"""Recording developments: references, actor resolution and auto-registration."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.domain.conftest import SOURCE, World, visit_body
from tests.domain.support import new_id
from tracker.domain import (
    DevelopmentRetracted,
    StoryNotFound,
    StoryState,
    UnknownActor,
    UnknownDevelopment,
    ValidationFailed,
    actor_id_for_name,
    decide_record_development,
    decide_retract_development,
)


def record(world: World, body: dict[str, Any], label: str = "dev") -> list[Any]:
    """Decide a development against the world's story (without appending)."""
    return decide_record_development(
        story=world.store.story(world.story_id),
        development=body,
        event_id=new_id(label),
        resolve_actor=world.store.directory.resolve,
        actor_exists=world.store.directory.exists,
    )


def confirmation(confirms: object, **changes: Any) -> dict[str, Any]:
    """Return a confirmation body."""
    body = {
        "type": "confirmation",
        "summary": "Trump confirms",
        "source": SOURCE,
        "confirmer": {"name": "Donald Trump"},
        "confirms": str(confirms),
        "details_withheld": True,
    }
    return body | changes


def test_a_development_in_a_missing_story_is_refused(world: World) -> None:
    """No story, no development."""
    with pytest.raises(StoryNotFound):
        decide_record_development(
            story=StoryState(),
            development=visit_body(),
            event_id=new_id("x"),
            resolve_actor=lambda name: None,
            actor_exists=lambda actor_id: False,
        )


def test_an_invalid_payload_is_refused_with_field_errors(world: World) -> None:
    """ValidationFailed carries [{field, message}]."""
    with pytest.raises(ValidationFailed) as caught:
        record(world, visit_body(destination="", status="arrived"))
    assert {e["field"] for e in caught.value.errors} == {"destination", "status"}


@pytest.mark.parametrize(
    ("body_type", "field"),
    [
        ("confirmation", "confirms"),
        ("denial", "denies"),
        ("rejection", "rejects"),
        ("sanctions_decision", "responds_to"),
    ],
)
def test_pointing_at_something_that_is_not_a_development_is_refused(
    world: World, body_type: str, field: str
) -> None:
    """Confirming, denying, rejecting or answering an unknown event id raises UnknownDevelopment."""
    actor_field = {
        "confirmation": "confirmer",
        "denial": "denier",
        "rejection": "rejecter",
        "sanctions_decision": "decider",
    }[body_type]
    body: dict[str, Any] = {
        "type": body_type,
        "summary": "s",
        "source": SOURCE,
        actor_field: "Donald Trump",
        field: str(new_id("opened")),  # the story_opened event: not a development
    }
    if body_type == "sanctions_decision":
        body["action"] = "refused"
    with pytest.raises(UnknownDevelopment) as caught:
        record(world, body)
    assert caught.value.code == "unknown_development"
    assert caught.value.message.startswith(f"{field}: ")


def test_citing_a_retracted_development_is_refused(world: World) -> None:
    """A retracted development can no longer be confirmed."""
    store = world.store
    store.append(
        decide_retract_development(
            story=store.story(world.story_id),
            target=world.visit_id,
            reason="wrong",
            event_id=new_id("retract"),
        )
    )
    with pytest.raises(DevelopmentRetracted):
        record(world, confirmation(world.visit_id))


def test_an_unknown_actor_id_is_refused(world: World) -> None:
    """A reference by id must name a registered actor."""
    with pytest.raises(UnknownActor) as caught:
        record(world, visit_body(visitor={"actor_id": str(new_id("nobody"))}))
    assert caught.value.errors[0]["field"] == "visitor.actor_id"


def test_unknown_names_are_registered_once_on_their_own_streams(world: World) -> None:
    """Each unknown name yields one actor_registered, before the development, id from the name."""
    body = visit_body(
        hosts=[{"name": "Steve Witkoff"}, {"name": "STEVE WITKOFF", "name_as_stated": "Witkoff"}],
        actors=[{"name": "Russland", "role": "sender", "kind": "country"}],
    )
    events = record(world, body)
    registrations = [e for e in events if e.event_type == "actor_registered"]
    assert [e.stream_id for e in registrations] == [
        actor_id_for_name("Steve Witkoff"),
        actor_id_for_name("Russland"),
    ]
    assert all(e.stream_type == "actor" for e in registrations)
    assert registrations[1].data["kind"] == "country"
    development = events[-1]
    hosts = development.data["hosts"]
    assert hosts[0]["actor_id"] == hosts[1]["actor_id"]
    assert hosts[1]["name_as_stated"] == "Witkoff"
    # the visitor was registered by the fixture's visit already: no new registration
    assert actor_id_for_name("Kirill Dmitrijew") not in {e.stream_id for e in registrations}


def test_concurrent_registrations_of_one_name_converge(world: World) -> None:
    """Two commands naming the same new actor register it on the same stream."""
    first = record(world, visit_body(hosts=[{"name": "Karoline Leavitt"}]), "a")
    second = record(world, visit_body(hosts=[{"name": "karoline  leavitt"}]), "b")
    assert first[0].stream_id == second[0].stream_id == actor_id_for_name("Karoline Leavitt")
    assert first[0].event_id != second[0].event_id  # the store keeps one: expected version 0


def test_stored_data_has_codes_times_and_resolved_references(world: World) -> None:
    """The stored event keeps precision in the envelope and derives CAMEO and PLOVER."""
    events = record(world, confirmation(world.visit_id))
    (event,) = events[-1:]
    assert event.data["cameo"] == "010"
    assert event.data["confirms"] == str(world.visit_id)
    assert event.reported_at == datetime(2025, 4, 3, 8, 15, tzinfo=UTC)
    assert set(event.data["confirmer"]) == {"actor_id", "name_as_stated"}
    visit = record(world, visit_body(occurred_at="2025-04"), "v2")[-1]
    assert (visit.occurred_at, visit.occurred_precision) == (
        datetime(2025, 4, 1, tzinfo=UTC),
        "month",
    )
    assert visit.data["occurred_at"] == "2025-04"
    assert visit.schema_version == 1
