"""Query filters refuse what they do not know, naming what they accept; actor= by id or name."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.api.helpers import get, new_story, post, statement

pytestmark = pytest.mark.django_db(transaction=True)


def refusal(client: Client, path: str) -> dict[str, Any]:
    """GET a path that must answer 422; return the message of its one field error."""
    response = get(client, path)
    assert response.status_code == 422, (path, response.content)
    body = response.json()
    assert body["code"] == "validation_error"
    [error] = body["errors"]
    return dict(error)


def test_an_unknown_status_is_422_naming_the_statuses(client: Client) -> None:
    """?status=bogus is refused on `status`, and the message lists the three statuses."""
    error = refusal(client, "/stories?status=bogus")
    assert error["field"] == "status"
    for status in ("developing", "dormant", "concluded"):
        assert status in error["message"]


def test_an_unknown_event_type_is_422_naming_the_types(client: Client) -> None:
    """/events?type=bogus is refused, and the message lists the vocabulary's event types."""
    error = refusal(client, "/events?type=story_opened&type=bogus")
    assert error["field"].startswith("type")
    for name in ("story_opened", "visit", "actor_registered", "development_corrected"):
        assert name in error["message"]


def test_an_unknown_stream_type_is_422_naming_story_and_actor(client: Client) -> None:
    """/events?stream_type=bogus is refused, naming story and actor."""
    error = refusal(client, "/events?stream_type=bogus")
    assert error["field"].startswith("stream_type")
    assert "'story'" in error["message"] and "'actor'" in error["message"]


def test_the_event_stream_refuses_unknown_types_too(client: Client) -> None:
    """/events/stream validates type and stream_type before it streams anything."""
    assert refusal(client, "/events/stream?type=bogus")["field"].startswith("type")
    assert refusal(client, "/events/stream?stream_type=bogus")["field"].startswith("stream")


def test_known_values_still_filter(client: Client, write_token: str) -> None:
    """Known statuses, event and stream types answer 200 with what matches them."""
    story = new_story(client, write_token)
    feed = get(client, "/events?type=story_opened&stream_type=story&limit=1000").json()
    assert all(item["type"] == "story_opened" for item in feed["items"])
    assert get(client, "/events?stream_type=actor").status_code == 200
    developing = get(client, "/stories?status=developing&limit=1000").json()["items"]
    assert story["slug"] in [item["slug"] for item in developing]
    concluded = get(client, "/stories?status=concluded&limit=1000").json()["items"]
    assert story["slug"] not in [item["slug"] for item in concluded]


def test_the_schema_lists_the_allowed_values(client: Client) -> None:
    """openapi.json gives status, type and stream_type their enums."""
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    def parameter(path: str, name: str) -> dict[str, Any]:
        found = [p for p in paths[path]["get"]["parameters"] if p["name"] == name]
        return dict(found[0]["schema"])

    status = parameter("/api/v1/stories", "status")
    assert "concluded" in str(status) and "developing" in str(status)
    assert "visit" in str(parameter("/api/v1/events", "type"))
    assert "actor" in str(parameter("/api/v1/events", "stream_type"))


def _story_with_actor(client: Client, token: str) -> tuple[str, str, str]:
    """Open a story with a statement by a new actor who has a Cyrillic alias.

    Return the story's slug, the actor's id and the unique part of its name.
    """
    tag = uuid.uuid4().hex[:8]
    surname = f"Wolkonskij{tag}"
    actor = post(
        client,
        "/actors",
        {
            "name": f"Pjotr {surname}",
            "kind": "person",
            "aliases": [{"name": f"Пётр Волконский{tag}", "language": "ru"}],
        },
        token,
    )
    assert actor.status_code == 201, actor.content
    story = new_story(client, token)
    speaker = f"Pjotr {surname}"
    added = post(client, f"/stories/{story['id']}/developments", statement(speaker=speaker), token)
    assert added.status_code == 201, added.content
    return story["slug"], actor.json()["id"], tag


def slugs(client: Client, query: str) -> list[str]:
    """Return the slugs GET /stories?query lists."""
    response = get(client, f"/stories?{query}&limit=1000")
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def test_actor_filter_takes_an_id_a_name_an_alias_or_part_of_a_name(
    client: Client, write_token: str
) -> None:
    """actor= finds the story by the actor's id, full name, surname, alias or a word's start."""
    slug, actor_id, tag = _story_with_actor(client, write_token)
    for actor in (
        actor_id,
        f"Pjotr Wolkonskij{tag}",
        f"wolkonskij{tag}",  # the surname alone, any case
        f"Wolkonskij{tag[:4]}",  # the beginning of a word
        f"Волконский{tag}",  # the Cyrillic alias
        f"ПЁТР волконский{tag}",  # case and the diaeresis ignored
    ):
        assert slug in slugs(client, urlencode({"actor": actor})), actor


def test_actor_filter_needs_every_word_to_begin_a_word_of_one_name(
    client: Client, write_token: str
) -> None:
    """A word that begins no word of the name, or the middle of a word, finds nothing."""
    slug, _, tag = _story_with_actor(client, write_token)
    for actor in (f"Pjotr Tolstoj{tag}", f"onskij{tag}", "!!!", str(uuid.uuid4())):
        assert slug not in slugs(client, urlencode({"actor": actor})), actor
