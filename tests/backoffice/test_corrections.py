"""Correcting and retracting a development: the form, its reasons, the marks and history."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.backoffice.helpers import (
    error_text,
    form_body,
    only_development,
    record,
    version_of,
)
from tracker.services.selectors import story_events

pytestmark = pytest.mark.django_db(transaction=True)


def visit() -> dict[str, object]:
    """Return a visit development (API input shape)."""
    return {
        "type": "visit",
        "occurred_at": "2025-04-02",
        "summary": "Envoy travels",
        "source": {"outlet": "Test Wire", "url": "https://example.org/v"},
        "visitor": {"name": "Correction Envoy"},
        "hosts": [{"name": "Host Country A"}, {"name": "Host Country B"}],
        "destination": "Washington",
        "status": "under_way",
        "actors": [{"name": "Some Minister", "role": "principal"}],
    }


def test_the_correction_form_shows_the_development_as_it_is(
    editor_client: Client, story: str
) -> None:
    """Fields are filled with the current values; actors by their canonical names."""
    event_id = record(story, visit())
    page = editor_client.get(f"/admin/newsroom/stories/{story}/developments/{event_id}/correct/")
    text = page.content.decode()
    assert 'value="Washington"' in text and 'value="Correction Envoy"' in text
    assert 'value="Host Country A; Host Country B"' in text
    assert "Some Minister | principal" in text
    assert 'name="expected_version" value="2"' in text


def test_a_correction_sends_only_what_changed_and_shows_history(
    editor_client: Client, story: str
) -> None:
    """Changing the destination records a correction of that field, with reason and source."""
    event_id = record(story, visit())
    address = f"/admin/newsroom/stories/{story}/developments/{event_id}/correct/"
    body = form_body(editor_client.get(address).content.decode())
    assert body["status"] == "under_way" and body["expected_version"] == "2"
    body |= {"destination": "New York", "reason": "The outlet corrected itself"}
    body |= {"evidence.outlet": "Test Wire"}
    response = editor_client.post(address, body)
    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode())
    last = story_events(story=story)["items"][-1]
    assert last["type"] == "development_corrected"
    assert set(last["data"]["changes"]) == {"destination"}
    assert last["data"]["source"] == {"outlet": "Test Wire"}
    view = only_development(story)
    assert view["status"] == "corrected" and view["data"]["destination"] == "New York"
    page = editor_client.get(f"/admin/newsroom/stories/{story}/").content.decode()
    assert "mark-corrected" in page and "The outlet corrected itself" in page
    assert "<del>Washington</del> → <ins>New York</ins>" in page


def test_a_correction_needs_a_reason_and_a_change(editor_client: Client, story: str) -> None:
    """No reason: the domain's message by the reason field; no change: said so; nothing stored."""
    event_id = record(story, visit())
    address = f"/admin/newsroom/stories/{story}/developments/{event_id}/correct/"
    no_reason = editor_client.post(
        address, {"expected_version": "2", "destination": "Paris", "reason": ""}
    )
    assert no_reason.status_code == 422
    assert "must not be empty" in error_text(no_reason.content.decode(), "reason")
    bad_source = editor_client.post(
        address,
        {
            "expected_version": "2",
            "destination": "Paris",
            "reason": "r",
            "evidence.url": "not a url",
            "evidence.outlet": "X",
        },
    )
    assert "is not a web address" in error_text(bad_source.content.decode(), "evidence.url")
    assert version_of(story) == 2


def test_a_retraction_marks_the_development_and_keeps_it_visible(
    editor_client: Client, story: str
) -> None:
    """A retraction needs a reason; then the timeline shows the development struck, with why."""
    event_id = record(story, visit())
    address = f"/admin/newsroom/stories/{story}/developments/{event_id}/retract/"
    refused = editor_client.post(address, {"expected_version": "2", "reason": ""})
    assert refused.status_code == 422 and version_of(story) == 2
    done = editor_client.post(
        address, {"expected_version": "2", "reason": "It never happened", "evidence.outlet": "AP"}
    )
    assert done.status_code == 302
    page = editor_client.get(f"/admin/newsroom/stories/{story}/").content.decode()
    assert "status-retracted" in page and "It never happened" in page
    assert "Envoy travels" in page  # still visible
    assert f"/developments/{event_id}/correct/" not in page  # no more actions on it


def test_a_stale_retraction_is_a_conflict(editor_client: Client, story: str) -> None:
    """Retracting on an old version is refused and explained."""
    event_id = record(story, visit())
    record(story, {**visit(), "summary": "Another visit"}, username="other-editor")
    address = f"/admin/newsroom/stories/{story}/developments/{event_id}/retract/"
    response = editor_client.post(address, {"expected_version": "2", "reason": "wrong"})
    assert response.status_code == 409 and "other-editor" in response.content.decode()
    assert version_of(story) == 3
