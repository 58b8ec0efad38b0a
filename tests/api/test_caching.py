"""HTTP caching of reads: ETag and 304, Cache-Control, Last-Modified, HEAD, and the fast path."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.test.utils import override_settings

from tests.api.helpers import get, new_story, post, statement
from tracker.api.fastpath import FastReads
from tracker.services.selectors import documents
from tracker.services.stories import story_open

pytestmark = pytest.mark.django_db(transaction=True)

SECURITY = (
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
    "x-frame-options",
    "content-security-policy",
)


def test_story_read_revalidates_with_its_etag(client: Client, write_token: str) -> None:
    """A matching If-None-Match answers 304 with the validators; a write makes it 200 again."""
    story = new_story(client, write_token)
    first = get(client, f"/stories/{story['slug']}")
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=5, stale-while-revalidate=30"
    assert first["Last-Modified"].endswith(" GMT")
    again = get(client, f"/stories/{story['slug']}", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert again["Content-Length"] == str(len(first.content))
    post(client, f"/stories/{story['slug']}/developments", statement(), write_token)
    changed = get(client, f"/stories/{story['slug']}", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed["ETag"].startswith('"2-')


def test_if_none_match_lists_and_weak_tags_match(client: Client, write_token: str) -> None:
    """If-None-Match matches any tag of a list, weakly (W/ prefix), and `*`."""
    story = new_story(client, write_token)
    etag = get(client, f"/stories/{story['id']}")["ETag"]
    for header in (f'"nope", {etag}', f"W/{etag}", "*"):
        assert get(client, f"/stories/{story['id']}", HTTP_IF_NONE_MATCH=header).status_code == 304
    assert get(client, f"/stories/{story['id']}", HTTP_IF_NONE_MATCH='"1"').status_code == 200


def test_a_replay_pinned_to_a_reached_version_is_immutable(
    client: Client, write_token: str
) -> None:
    """version=N of a story at N or later is immutable; a version beyond it is a 404, not kept."""
    story = new_story(client, write_token)
    post(client, f"/stories/{story['id']}/developments", statement(), write_token)
    pinned = get(client, f"/stories/{story['id']}?version=1")
    assert pinned["Cache-Control"] == "public, max-age=86400, immutable"
    assert pinned["ETag"].startswith('"1-')
    beyond = get(client, f"/stories/{story['id']}?version=9")
    assert beyond.status_code == 404 and "immutable" not in beyond.get("Cache-Control", "")
    timeline = get(client, f"/stories/{story['id']}/timeline?version=2")
    assert timeline["Cache-Control"].endswith("immutable")


@override_settings(TRACKER_PUBLIC_READ=False)
def test_reads_that_need_a_token_are_private(client: Client, read_token: str) -> None:
    """Without public reads, answers say private, no-cache: no shared cache keeps them."""
    opened = story_open(title="Private story", recorded_by={})
    path = f"/api/v1/stories/{opened.stream_id}"
    response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {read_token}")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-cache"


def test_timeline_and_actor_reads_revalidate(client: Client, write_token: str) -> None:
    """Timeline and actor answers carry a strong ETag that a matching If-None-Match turns 304."""
    story = new_story(client, write_token)
    post(client, f"/stories/{story['id']}/developments", statement(), write_token)
    timeline = get(client, f"/stories/{story['id']}/timeline")
    assert timeline.status_code == 200 and timeline["ETag"].startswith('"')
    assert timeline["Last-Modified"].endswith(" GMT")
    path = f"/stories/{story['id']}/timeline"
    assert get(client, path, HTTP_IF_NONE_MATCH=timeline["ETag"]).status_code == 304
    actor_id = timeline.json()["items"][0]["actors"][0]["id"]
    actor = get(client, f"/actors/{actor_id}")
    assert actor.status_code == 200
    again = get(client, f"/actors/{actor_id}", HTTP_IF_NONE_MATCH=actor["ETag"])
    assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize(
    "path",
    ["/stories/{id}", "/stories/{id}/timeline", "/stories/{id}/events", "/events", "/health"],
)
def test_head_answers_every_get_route_without_a_body(
    client: Client, write_token: str, path: str
) -> None:
    """HEAD answers as GET would (status, headers, length), with no body; no 405."""
    story = new_story(client, write_token)
    url = "/api/v1" + path.format(id=story["id"])
    full, head = client.get(url), client.head(url)
    assert head.status_code == full.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(full.content))
    assert head.get("ETag") == full.get("ETag")


def call(app: FastReads, path: str, **environ: str) -> tuple[str, dict[str, str], bytes]:
    """Call a WSGI app with a GET of `path`; return the status, headers and body."""
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        answer.update(status=status, headers={name.lower(): value for name, value in headers})

    base = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "HTTP_HOST": "testserver"}
    body = b"".join(app({**base, "wsgi.url_scheme": "http", **environ}, start_response))
    return answer["status"], answer["headers"], body


def unreachable(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Stand for Django in a fast path test: fails when the fast path hands the request on."""
    start_response("599 Handed On", [])
    return [b"django"]


@override_settings(SECURE_SSL_REDIRECT=False)
def test_the_fast_path_answers_as_django_does(client: Client, write_token: str) -> None:
    """GET of a live story without query or token: Django's bytes, validators, security headers."""
    story = new_story(client, write_token)
    app = FastReads(unreachable, documents.django_run)
    status, headers, body = call(app, f"/api/v1/stories/{story['slug']}")
    django = get(client, f"/stories/{story['slug']}")
    assert status == "200 OK" and body == django.content
    for name in ("etag", "cache-control", "last-modified", "content-type", *SECURITY):
        assert headers[name] == django[name], name
    status, headers, body = call(
        app, f"/api/v1/stories/{story['id']}", HTTP_IF_NONE_MATCH=headers["etag"]
    )
    assert status == "304 Not Modified" and body == b"" and headers["etag"] == django["ETag"]
    status, _, body = call(app, f"/api/v1/stories/{story['id']}", REQUEST_METHOD="HEAD")
    assert status == "200 OK" and body == b""


@override_settings(SECURE_SSL_REDIRECT=False)
def test_the_fast_path_hands_on_what_it_does_not_know(client: Client, write_token: str) -> None:
    """Query strings, tokens, unknown stories, foreign hosts and other paths go to Django."""
    story = new_story(client, write_token)
    app = FastReads(unreachable, documents.django_run)
    path = f"/api/v1/stories/{story['id']}"
    for environ in (
        {"QUERY_STRING": "version=1"},
        {"HTTP_AUTHORIZATION": f"Bearer {write_token}"},
        {"HTTP_HOST": "evil.example"},
        {"PATH_INFO": "/api/v1/stories/no-such-story"},
        {"PATH_INFO": f"{path}/timeline"},
        {"REQUEST_METHOD": "POST"},
    ):
        assert call(app, path, **environ)[0] == "599 Handed On", environ
