"""GET /stories/{story}/export/{format}: every format, replay, ETag and 304, errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tracker.exports import registry
from tracker.services.sample import sample_load

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "us-russia-sanctions-talks"
API = "/api/v1"


@pytest.fixture
def sample() -> None:
    """Load the sample story (idempotent)."""
    sample_load()


@pytest.mark.parametrize("name", registry.names())
def test_every_format_answers_with_its_media_type_and_a_strong_etag(
    client: Client, sample: None, name: str
) -> None:
    """Each format answers 200, its own Content-Type, a strong ETag naming version and format."""
    response = client.get(f"{API}/stories/{SLUG}/export/{name}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == registry.FORMATS[name].content_type
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert f"-{name}-r{registry.FORMATS[name].rendering}-" in etag
    again = client.get(f"{API}/stories/{SLUG}/export/{name}", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag


def test_unknown_format_is_a_404_listing_the_formats(client: Client, sample: None) -> None:
    """An unknown format answers 404 unknown_format, and the detail names every format."""
    response = client.get(f"{API}/stories/{SLUG}/export/docx")
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "unknown_format"
    assert all(name in body["detail"] for name in registry.names())


def test_unknown_story_is_a_404(client: Client, sample: None) -> None:
    """A story that does not exist answers 404 not_found in the JSON shape."""
    response = client.get(f"{API}/stories/no-such-story/export/csv")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_replay_parameters_pick_the_state(client: Client, sample: None) -> None:
    """version=3 exports the story after three events; its ETag starts with that version."""
    response = client.get(f"{API}/stories/{SLUG}/export/csv?version=3")
    assert response.status_code == 200
    assert response["ETag"].startswith('"3-csv-')
    assert "immutable" in response["Cache-Control"] or "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "query",
    ["version=0", "version=x", "as_of=yesterday", "basis=other", "retracted=hide",
     "version=2&as_of=2025-04-01T00:00:00Z"],
)  # fmt: skip
def test_bad_parameters_are_a_422(client: Client, sample: None, query: str) -> None:
    """Malformed replay or option parameters answer 422 in the JSON error shape."""
    response = client.get(f"{API}/stories/{SLUG}/export/csv?{query}")
    assert response.status_code == 422
    assert {"code", "detail"} <= set(response.json())


def test_export_story_command_writes_the_same_bytes_as_the_endpoint(
    client: Client, sample: None, tmp_path: Any
) -> None:
    """manage.py export_story --format csv --version 3 writes what the API answers."""
    target = tmp_path / "story.csv"
    call_command("export_story", SLUG, "--format", "csv", "--version", "3", "-o", str(target))
    answer = client.get(f"{API}/stories/{SLUG}/export/csv?version=3")
    assert target.read_bytes() == answer.content
    with pytest.raises(CommandError):
        call_command("export_story", "no-such-story", "--format", "csv")
