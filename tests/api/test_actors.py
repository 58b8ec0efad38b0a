"""Actor endpoints: register, alias, merge; list and read."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client

from tests.api.helpers import get, new_story, post, statement

pytestmark = pytest.mark.django_db(transaction=True)


def register(client: Client, token: str, name: str, **fields: Any) -> dict[str, Any]:
    """Register an actor through the API; return the 201 body."""
    response = post(client, "/actors", {"name": name, "kind": "person", **fields}, token)
    assert response.status_code == 201, response.content
    return dict(response.json())


def test_register_alias_and_read(client: Client, write_token: str) -> None:
    """An actor registers (201), gets an alias (201), and is found by either name."""
    tag = uuid.uuid4().hex[:8]
    actor = register(client, write_token, f"Kirill Dmitrijew {tag}", description="envoy")
    assert set(actor) >= {"id", "event_id", "version", "position"}
    alias = post(client, f"/actors/{actor['id']}/aliases", {"name": f"Dmitriev {tag}"}, write_token)
    assert alias.status_code == 201 and alias.json()["version"] == 2
    found = get(client, f"/actors?q=dmitriev {tag}").json()
    assert [item["id"] for item in found["items"]] == [actor["id"]]
    one = get(client, f"/actors/{actor['id']}").json()
    assert one["name"] == f"Kirill Dmitrijew {tag}" and one["description"] == "envoy"


def test_merged_actor_answers_as_its_target(client: Client, write_token: str) -> None:
    """After a merge (200), GET on the merged actor answers the actor it joined."""
    tag = uuid.uuid4().hex[:8]
    keep = register(client, write_token, f"Vladimir Putin {tag}")
    gone = register(client, write_token, f"Wladimir Putin {tag}")
    merged = post(client, f"/actors/{gone['id']}/merge", {"into": keep["id"]}, write_token)
    assert merged.status_code == 200
    answer = get(client, f"/actors/{gone['id']}").json()
    assert answer["id"] == keep["id"] and gone["id"] in answer["merged_from"]


def test_actor_errors(client: Client, write_token: str) -> None:
    """Unknown actors are 404; a bad kind is 422; a taken name is 409."""
    assert get(client, f"/actors/{uuid.uuid4()}").status_code == 404
    assert get(client, "/actors/not-a-uuid").status_code == 422
    bad = post(client, "/actors", {"name": "X", "kind": "planet"}, write_token)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "kind"
    name = f"Steve Witkoff {uuid.uuid4().hex[:8]}"
    register(client, write_token, name)
    taken = post(client, "/actors", {"name": name, "kind": "person"}, write_token)
    assert taken.status_code == 409
    missing = post(client, f"/actors/{uuid.uuid4()}/aliases", {"name": "Y"}, write_token)
    assert missing.status_code == 404


def test_actor_lists_its_stories(client: Client, write_token: str) -> None:
    """GET /actors/{id} lists the stories the actor appears in."""
    speaker = f"Karoline Leavitt {uuid.uuid4().hex[:8]}"
    actor = register(client, write_token, speaker)
    story = new_story(client, write_token)
    post(client, f"/stories/{story['id']}/developments", statement(speaker=speaker), write_token)
    stories = get(client, f"/actors/{actor['id']}").json()["stories"]
    assert [entry["id"] for entry in stories] == [story["id"]]
