"""Story endpoints: open, list, read, timeline, raw events and changes."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from tests.api.helpers import get, new_story, post, statement
from tracker.bootstrap import event_store
from tracker.eventstore import NO_STREAM, NewEvent

pytestmark = pytest.mark.django_db(transaction=True)


def test_open_story_answers_201_with_id_slug_version_position(
    client: Client, write_token: str
) -> None:
    """POST /stories answers {id, slug, version, position} and an ETag of the version."""
    title = f"Envoy visits Washington {uuid.uuid4().hex[:6]}"
    response = post(client, "/stories", {"title": title, "language": "de"}, write_token)
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "slug", "version", "position"}
    assert body["version"] == 1 and body["slug"].startswith("envoy-visits-washington")
    assert response["ETag"] == '"1"'


def test_recorded_by_names_the_token(client: Client, write_token: str) -> None:
    """The event's metadata says which token recorded it."""
    story = new_story(client, write_token)
    [event] = event_store().read_stream(uuid.UUID(story["id"]))
    recorded_by = event.metadata["recorded_by"]
    assert recorded_by["kind"] == "token" and recorded_by["name"].startswith("write-")


def test_taken_slug_is_409(client: Client, write_token: str) -> None:
    """A second story with an explicit slug already in use answers 409 slug_taken."""
    slug = f"taken-{uuid.uuid4().hex[:8]}"
    new_story(client, write_token, slug=slug)
    response = post(client, "/stories", {"title": "Other", "slug": slug}, write_token)
    assert response.status_code == 409 and response.json()["code"] == "slug_taken"


def test_story_reads_by_id_and_slug(client: Client, write_token: str) -> None:
    """GET /stories/{story} answers the state by UUID or slug, its ETag led by the version."""
    story = new_story(client, write_token, summary="What happened")
    by_slug = get(client, f"/stories/{story['slug']}")
    by_id = get(client, f"/stories/{story['id']}")
    assert by_slug.status_code == by_id.status_code == 200
    assert by_slug.json() == by_id.json()
    state = by_id.json()
    assert state["id"] == story["id"] and state["summary"] == "What happened"
    assert state["developments"] == 0 and state["actors"] == []
    assert by_id["ETag"].startswith('"1-') and by_id["ETag"] == by_slug["ETag"]


def test_unknown_story_is_404(client: Client, write_token: str) -> None:
    """Reads and writes on a story that does not exist answer 404."""
    for path in ("/stories/nope", "/stories/nope/timeline", "/stories/nope/events"):
        response = get(client, path)
        assert response.status_code == 404 and response.json()["code"] in {
            "not_found",
            "story_not_found",
        }
    response = post(client, "/stories/nope/developments", statement(), write_token)
    assert response.status_code == 404


def test_list_searches_and_counts(client: Client, write_token: str) -> None:
    """GET /stories answers {items, count}; q searches titles; limit bounds the page."""
    tag = uuid.uuid4().hex[:8]
    for n in range(3):
        new_story(client, write_token, title=f"Sanctions relief {tag} {n}")
    page = get(client, f"/stories?q={tag}&limit=2").json()
    assert page["count"] == 3 and len(page["items"]) == 2
    assert all(tag in item["title"] for item in page["items"])
    rest = get(client, f"/stories?q={tag}&offset=2").json()["items"]
    titles = {item["title"] for item in page["items"] + rest}
    assert titles == {f"Sanctions relief {tag} {n}" for n in range(3)}


def test_timeline_events_and_changes(client: Client, write_token: str) -> None:
    """Timeline, raw events and changes follow the developments recorded."""
    story = new_story(client, write_token)
    path = f"/stories/{story['id']}"
    first = post(client, f"{path}/developments", statement("First"), write_token).json()
    post(client, f"{path}/developments", statement("Second"), write_token)
    timeline = get(client, f"{path}/timeline").json()["items"]
    assert [item["summary"] for item in timeline] == ["First", "Second"]
    assert timeline[0]["event_id"] == first["event_id"] and timeline[0]["status"] == "active"
    events = get(client, f"{path}/events?after_version=1&limit=1").json()
    assert [e["version"] for e in events["items"]] == [2] and events["next_after_version"] == 2
    changes = get(client, f"{path}/changes?since_version=2").json()
    assert changes["version"] == 3
    assert [(c["kind"], c["version"]) for c in changes["changes"]] == [("added", 3)]


def test_replay_parameters_are_validated(client: Client, write_token: str) -> None:
    """version and as_of together, or a bad basis, answer 422."""
    story = new_story(client, write_token)
    for query in ("version=1&as_of=2025-01-01T00:00:00Z", "basis=told", "version=-1"):
        response = get(client, f"/stories/{story['id']}?{query}")
        assert response.status_code == 422, query


def test_min_position_waits_for_the_projection(client: Client, write_token: str) -> None:
    """min_position at the write's position answers; far beyond it answers 409 stale."""
    story = new_story(client, write_token)
    ok = get(client, f"/stories/{story['id']}?min_position={story['position']}")
    assert ok.status_code == 200
    stale = get(client, f"/stories/{story['id']}?min_position={2**62}")
    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "stale" and body["current_position"] >= story["position"]


def test_a_story_stream_never_opened_is_not_listed(client: Client, write_token: str) -> None:
    """Events appended straight to a story stream without story_opened leave the list valid."""
    stream = uuid.uuid4()
    event_store().append(stream, "story", [NewEvent("noted", {"n": 1})], expected_version=NO_STREAM)
    story = new_story(client, write_token)  # the projection passes the stream to reach it
    get(client, f"/stories/{story['id']}?min_position={story['position']}")
    response = get(client, "/stories?limit=1000")
    assert response.status_code == 200, response.content
    listed = [item["id"] for item in response.json()["items"]]
    assert story["id"] in listed and str(stream) not in listed
    assert all(item["slug"] and item["title"] for item in response.json()["items"])
