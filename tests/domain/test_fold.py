"""What the fold derives: confirmation, statuses, series, and defensive handling."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tests.domain.conftest import SOURCE, World, visit_body
from tests.domain.support import T0, new_id
from tracker.domain import (
    Event,
    decide_correct_development,
    decide_retract_development,
    fold,
    to_document,
)


def doc_of(world: World) -> dict[str, Any]:
    """Return the document of the world's story."""
    return to_document(world.store.story(world.story_id), world.store.directory)


def add(world: World, body: dict[str, Any], label: str) -> UUID:
    """Record a development and return its event id."""
    event_id = new_id(label)
    world.store.record(world.story_id, body, event_id)
    return event_id


def retract(world: World, target: UUID) -> None:
    """Retract a development."""
    world.store.append(
        decide_retract_development(
            story=world.store.story(world.story_id),
            target=target,
            reason="withdrawn",
            event_id=new_id(("retract", target)),
        )
    )


def response(kind: str, who: str, target: UUID | None = None, **extra: Any) -> dict[str, Any]:
    """Return a confirmation, denial, rejection or sanctions decision body."""
    actor_field, pointer = {
        "confirmation": ("confirmer", "confirms"),
        "denial": ("denier", "denies"),
        "rejection": ("rejecter", "rejects"),
        "sanctions_decision": ("decider", "responds_to"),
    }[kind]
    body = {"type": kind, "summary": f"{who} answers", "source": SOURCE, actor_field: who}
    if target is not None:
        body[pointer] = str(target)
    return body | extra


def test_confirmation_and_denial_make_a_dispute_and_retraction_undoes_it(world: World) -> None:
    """confirmed + denied = disputed, `by` lists both; a retracted denial stops counting."""
    add(world, response("confirmation", "Donald Trump", world.visit_id), "conf")
    denial = add(world, response("denial", "Dmitri Peskow", world.visit_id), "deny")
    confirmation = doc_of(world)["visits"][0]["confirmation"]
    assert confirmation["status"] == "disputed"
    assert confirmation["by"] == ["Donald Trump", "Dmitri Peskow"]
    assert confirmation["event_ids"] == [str(new_id("conf")), str(denial)]
    retract(world, denial)
    assert doc_of(world)["visits"][0]["confirmation"]["status"] == "confirmed"


def test_a_sanctions_decision_or_rejection_answers_a_request(world: World) -> None:
    """Lifting grants a request, refusing or rejecting refuses it; the latest answer counts."""
    body = {
        "type": "sanctions_request",
        "summary": "Moscow asks",
        "source": SOURCE,
        "requester": "Russland",
        "addressee": "Donald Trump",
        "intensity": "demand",
    }
    request = add(world, body, "request")
    events = world.store.story_events(world.story_id)
    assert events[-1].data["cameo"] == "1054"
    add(
        world,
        response("sanctions_decision", "USA", request, action="lifted", occurred_at="2025-05"),
        "lift",
    )
    (entry,) = doc_of(world)["sanctions_requests"]
    assert (entry["status"], entry["responses"]) == ("granted", [str(new_id("lift"))])
    rejection = add(
        world, response("rejection", "Donald Trump", request, occurred_at="2025-06"), "rej"
    )
    assert world.store.story_events(world.story_id)[-1].data["cameo"] == "1244"
    assert doc_of(world)["sanctions_requests"][0]["status"] == "refused"
    retract(world, rejection)
    assert doc_of(world)["sanctions_requests"][0]["status"] == "granted"


def test_negotiation_status_follows_the_talks_that_happened_last(world: World) -> None:
    """Talks group by normalized topic; a report of older talks does not override newer status."""

    def talks(status: str, when: str, topic: str = "Ukraine ceasefire") -> dict[str, Any]:
        return {
            "type": "talks",
            "summary": "talks",
            "source": SOURCE,
            "topic": topic,
            "status": status,
            "occurred_at": when,
            "parties": ["Russland", "Ukraine"],
        }

    add(world, talks("held", "2025-03-01"), "t1")
    add(world, talks("stalled", "2025-04-01", "UKRAINE  Ceasefire"), "t2")
    add(world, talks("proposed", "2025-02-01"), "t3")  # reported late, happened first
    (group,) = doc_of(world)["negotiations"]
    assert group["status"] == "stalled"
    assert [h["status"] for h in group["history"]] == ["proposed", "held", "stalled"]
    assert len(group["event_ids"]) == 3


def test_a_visit_status_follows_later_reports_of_the_same_trip(world: World) -> None:
    """A later report of the same visitor and destination updates the trip's status."""
    add(world, visit_body(status="completed", occurred_at="2025-04-04"), "v2")
    add(world, visit_body(status="planned", occurred_at="2025-06"), "v3")
    trips = doc_of(world)["visits"]
    assert [t["status"] for t in trips] == ["completed", "planned"]
    assert trips[0]["event_ids"] == [str(world.visit_id), str(new_id("v2"))]


def test_figures_one_point_per_period_later_report_replaces_retraction_restores(
    world: World,
) -> None:
    """A newer figure for a period replaces the older; retracting it brings the older back."""

    def figure(value: str, period: str) -> dict[str, Any]:
        return {
            "type": "figure",
            "summary": "trade",
            "source": SOURCE,
            "metric": "Trade",
            "value": value,
            "unit": "USD",
            "period": period,
        }

    add(world, figure("35000000000", "2021"), "f1")
    newer = add(world, figure("34900000000", "2021"), "f2")
    add(world, figure("3500000000", "2024"), "f3")
    (series,) = doc_of(world)["figures"]
    points = {p["period"]: p for p in series["series"]}
    assert points["2021"]["value"] == "34900000000"
    assert points["2021"]["replaces"] == [str(new_id("f1"))]
    retract(world, newer)
    points = {p["period"]: p for p in doc_of(world)["figures"][0]["series"]}
    assert points["2021"]["value"] == "35000000000"


def test_corrected_confirmation_target_moves_the_confirmation(world: World) -> None:
    """Correcting what a confirmation confirms moves it to the new development."""
    other = add(world, visit_body(destination="Moskau", visitor="Steve Witkoff"), "v2")
    conf = add(world, response("confirmation", "Donald Trump", world.visit_id), "conf")
    world.store.append(
        decide_correct_development(
            story=world.store.story(world.story_id),
            target=conf,
            changes={"confirms": str(other)},
            reason="wrong visit",
            event_id=new_id("fix"),
            resolve_actor=world.store.directory.resolve,
            actor_exists=world.store.directory.exists,
        )
    )
    visits = {v["destination"]: v for v in doc_of(world)["visits"]}
    assert visits["Washington"]["confirmation"]["status"] == "unconfirmed"
    assert visits["Moskau"]["confirmation"]["status"] == "confirmed"


def test_the_fold_ignores_what_it_cannot_apply(world: World) -> None:
    """Unknown targets, unknown types, other streams and a second opening are noted, not raised."""
    events = world.store.story_events(world.story_id)
    sid = world.story_id

    def strange(n: int, event_type: str, data: dict[str, Any], stream: UUID = sid) -> Event:
        return Event(
            position=100 + n,
            event_id=new_id(("strange", n)),
            stream_id=stream,
            stream_type="story",
            version=10 + n,
            event_type=event_type,
            schema_version=1,
            data=data,
            recorded_at=T0,
        )

    extra = [
        strange(1, "development_corrected", {"target": "nonsense", "changes": {}}),
        strange(2, "development_retracted", {"target": str(new_id("nobody"))}),
        strange(3, "story_opened", {"title": "again"}),
        strange(4, "mystery", {}),
        strange(5, "visit", {}, stream=new_id("other story")),
        strange(6, "development_corrected", {"target": str(world.visit_id), "changes": "x"}),
        strange(
            7,
            "development_corrected",
            {"target": str(world.visit_id), "changes": {"occurred_at": "soon"}},
        ),
    ]
    state = fold([*events, *extra])
    assert len(state.ignored) == 6
    assert state.title == "Envoy in Washington"
    to_document(state, world.store.directory)
