"""Near-duplicate actors over the API: 409 ambiguous_actor, "new": true, actors_registered."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client

from tests.api.helpers import get, new_story, post, statement
from tracker.bootstrap import event_store

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def envoy(client: Client, write_token: str) -> dict[str, Any]:
    """Register "Kirill Dmitrijew <tag>" with English and Cyrillic aliases; return names and id.

    The tag is digits, a word that must match exactly: other tests' actors never come close.
    """
    tag = f"{uuid.uuid4().int % 10**9:09d}"
    body = {
        "name": f"Kirill Dmitrijew {tag}",
        "kind": "person",
        "aliases": [
            {"name": f"Kirill Dmitriev {tag}", "language": "en"},
            {"name": f"Кирилл Дмитриев {tag}", "language": "ru"},
        ],
    }
    response = post(client, "/actors", body, write_token)
    assert response.status_code == 201, response.content
    return {"tag": tag, "id": response.json()["id"], "name": body["name"]}


def record(client: Client, token: str, story: str, speaker: Any, **headers: str) -> Any:
    """POST a statement by `speaker` (a name or a reference object); return the response."""
    body = statement(speaker="unused") | {"speaker": speaker}
    return post(client, f"/stories/{story}/developments", body, token, **headers)


@pytest.mark.parametrize("surname", ["Dmitriev", "Dmitryev", "Dmitrijev", "Дмитриев"])
def test_a_near_name_is_refused_with_the_candidates(
    client: Client, write_token: str, envoy: dict[str, Any], surname: str
) -> None:
    """409 ambiguous_actor lists the actor (id, name, aliases, kind, why) and stores nothing."""
    story = new_story(client, write_token)
    before = event_store().last_position()
    response = record(client, write_token, story["id"], {"name": f"{surname} {envoy['tag']}"})
    assert response.status_code == 409, response.content
    body = response.json()
    assert body["code"] == "ambiguous_actor" and "actor_id" in body["detail"]
    assert body["errors"][0]["field"] == "speaker.name"
    (entry,) = body["ambiguous"]
    assert entry["field"] == "speaker" and entry["name"] == f"{surname} {envoy['tag']}"
    (candidate,) = entry["candidates"]
    assert candidate["id"] == envoy["id"] and candidate["name"] == envoy["name"]
    assert candidate["kind"] == "person" and len(candidate["aliases"]) == 2
    assert candidate["reason"] == "part_of_name" and "part of the name" in candidate["why"]
    assert event_store().last_position() == before


def test_new_true_registers_and_the_answer_says_so(
    client: Client, write_token: str, envoy: dict[str, Any]
) -> None:
    """With "new": true the write succeeds and `actors_registered` names the new actor."""
    story = new_story(client, write_token)
    name = f"Dmitriev {envoy['tag']}"
    response = record(client, write_token, story["id"], {"name": name, "new": True})
    assert response.status_code == 201, response.content
    (registered,) = response.json()["actors_registered"]
    assert registered["name"] == name and registered["kind"] == "person"
    assert registered["id"] != envoy["id"]
    assert get(client, f"/actors/{registered['id']}").json()["name"] == name


def test_naming_the_candidate_by_id_registers_nothing(
    client: Client, write_token: str, envoy: dict[str, Any]
) -> None:
    """The chosen actor_id, with the stated spelling, records the development on that actor."""
    story = new_story(client, write_token)
    stated = f"Dmitriev {envoy['tag']}"
    reference = {"actor_id": envoy["id"], "name_as_stated": stated}
    response = record(client, write_token, story["id"], reference)
    assert response.status_code == 201 and response.json()["actors_registered"] == []
    actors = get(client, f"/stories/{story['id']}").json()["actors"]
    assert [(a["id"], a["names_as_stated"]) for a in actors] == [(envoy["id"], [stated])]


def test_exact_names_and_aliases_still_resolve(
    client: Client, write_token: str, envoy: dict[str, Any]
) -> None:
    """An alias in another script, or the name in capitals, is the actor: no question asked."""
    story = new_story(client, write_token)
    for name in (f"Кирилл Дмитриев {envoy['tag']}", envoy["name"].upper()):
        response = record(client, write_token, story["id"], {"name": name})
        assert response.status_code == 201 and response.json()["actors_registered"] == []


def test_a_name_far_from_every_actor_registers_silently(client: Client, write_token: str) -> None:
    """An unknown name close to no actor registers as before, and the answer lists it."""
    story = new_story(client, write_token)
    name = f"Zebulon Quaxworth {uuid.uuid4().int % 10**9:09d}"
    response = record(client, write_token, story["id"], name, HTTP_IDEMPOTENCY_KEY=name[-9:])
    assert response.status_code == 201
    (registered,) = response.json()["actors_registered"]
    assert registered["name"] == name
    again = record(client, write_token, story["id"], name, HTTP_IDEMPOTENCY_KEY=name[-9:])
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["actors_registered"] == response.json()["actors_registered"]


def test_a_correction_to_a_near_name_is_refused(
    client: Client, write_token: str, envoy: dict[str, Any]
) -> None:
    """Correcting the speaker to a near spelling asks too; with the id it is recorded."""
    story = new_story(client, write_token)
    first = record(client, write_token, story["id"], envoy["name"]).json()
    path = f"/stories/{story['id']}/developments/{first['event_id']}/correction"
    changes = {"speaker": {"name": f"Dmitrijev {envoy['tag']}"}}
    refused = post(client, path, {"changes": changes, "reason": "spelling"}, write_token)
    assert refused.status_code == 409 and refused.json()["code"] == "ambiguous_actor"
    changes = {"speaker": {"actor_id": envoy["id"], "name_as_stated": "Dmitrijev"}}
    done = post(client, path, {"changes": changes, "reason": "spelling"}, write_token)
    assert done.status_code == 201 and done.json()["actors_registered"] == []


def test_new_with_an_actor_id_is_422(client: Client, write_token: str) -> None:
    """ "new": true belongs to a name; beside an actor_id it is a validation error."""
    story = new_story(client, write_token)
    reference = {"actor_id": str(uuid.uuid4()), "new": True}
    response = record(client, write_token, story["id"], reference)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "speaker"


def test_the_schema_and_the_docs_describe_the_refusal(client: Client) -> None:
    """OpenAPI shows `new` on actor references, `ambiguous` on errors, `actors_registered`."""
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schema["ActorRefIn"]["properties"]["new"]["description"]
    assert "ambiguous_actor" in schema["ErrorOut"]["properties"]["ambiguous"]["description"]
    assert "actors_registered" in schema["WriteOut"]["properties"]
    assert {"why", "reason", "matched"} <= set(schema["CandidateOut"]["properties"])
    from tests.api.test_docs import API_DOC

    text = API_DOC.read_text(encoding="utf-8")
    assert "`ambiguous_actor`" in text and '"new": true' in text and "actors_registered" in text
