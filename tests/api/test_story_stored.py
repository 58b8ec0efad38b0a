"""The story read serves stored text, and its Last-Modified follows every write of its row."""

from __future__ import annotations

import time
import uuid
from email.utils import parsedate_to_datetime
from uuid import UUID

import orjson
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.utils.http import http_date

from tests.api.helpers import get, new_story, post, statement
from tests.api.test_caching import call, unreachable
from tracker.api.fastpath import FastReads
from tracker.projections.models import StoryView
from tracker.services.actors import actor_alias_add
from tracker.services.selectors import documents

pytestmark = pytest.mark.django_db(transaction=True)


def last_recorded(stream_id: UUID) -> str:
    """Return the HTTP date of the last event of a stream, as Last-Modified prints it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT recorded_at FROM events WHERE stream_id = %s ORDER BY version DESC LIMIT 1",
            [stream_id],
        )
        return http_date(cursor.fetchone()[0].timestamp())


@override_settings(SECURE_SSL_REDIRECT=False)
def test_an_actor_change_rewrites_the_story_and_moves_last_modified(
    client: Client, write_token: str
) -> None:
    """An alias of an actor the story shows: new ETag, Last-Modified of the alias, both paths."""
    story = new_story(client, write_token)
    speaker = f"Speaker {uuid.uuid4().hex[:8]}"
    post(client, f"/stories/{story['id']}/developments", statement(speaker=speaker), write_token)
    app = FastReads(unreachable, documents.django_run)
    path = f"/api/v1/stories/{story['id']}"
    _, before, body = call(app, path)
    actor_id = UUID(orjson.loads(body)["actors"][0]["id"])
    assert before["last-modified"] == last_recorded(UUID(story["id"]))
    time.sleep(1.1)  # HTTP dates have whole seconds
    actor_alias_add(actor_id=actor_id, name=f"{speaker} Alias")
    status, after, body = call(app, path)
    assert status == "200 OK" and f"{speaker} Alias" in body.decode()
    assert after["etag"] != before["etag"]
    assert after["last-modified"] == last_recorded(actor_id)
    assert parsedate_to_datetime(after["last-modified"]) > parsedate_to_datetime(
        before["last-modified"]
    )
    django = get(client, f"/stories/{story['id']}")
    assert django["ETag"] == after["etag"] and django["Last-Modified"] == after["last-modified"]
    again = call(app, path, HTTP_IF_NONE_MATCH=after["etag"])
    assert again[0] == "304 Not Modified" and again[1]["last-modified"] == after["last-modified"]


@override_settings(SECURE_SSL_REDIRECT=False)
def test_the_stored_text_is_the_document_and_rows_without_it_print_the_document(
    client: Client, write_token: str
) -> None:
    """The bytes served are the stored document; a row of an older rendering (no text) too."""
    story = new_story(client, write_token)
    post(client, f"/stories/{story['id']}/developments", statement(), write_token)
    app = FastReads(unreachable, documents.django_run)
    path = f"/api/v1/stories/{story['id']}"
    status, headers, body = call(app, path)
    row = StoryView.objects.get(story_id=story["id"])
    assert status == "200 OK" and body == row.body.encode()
    assert orjson.loads(body) == row.document
    StoryView.objects.filter(story_id=story["id"]).update(body=None)
    status, older, body = call(app, path)
    assert status == "200 OK" and orjson.loads(body) == row.document
    assert older["etag"] != headers["etag"]  # the row was written again
    assert get(client, f"/stories/{story['id']}").content == body


@override_settings(SECURE_SSL_REDIRECT=False)
def test_the_fast_path_forgets_what_it_kept_when_a_setting_changes(
    client: Client, write_token: str
) -> None:
    """Headers and host checks kept for a stored state follow a changed setting."""
    story = new_story(client, write_token)
    app = FastReads(unreachable, documents.django_run)
    path = f"/api/v1/stories/{story['id']}"
    status, headers, _ = call(app, path)
    assert status == "200 OK" and "max-age=5," in headers["cache-control"]
    with override_settings(TRACKER_CACHE_MAX_AGE=60):
        assert "max-age=60," in call(app, path)[1]["cache-control"]
    with override_settings(ALLOWED_HOSTS=["elsewhere.example"]):
        assert call(app, path)[0] == "599 Handed On"
    assert call(app, path)[1]["cache-control"] == headers["cache-control"]
