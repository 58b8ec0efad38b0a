"""A replay the story cannot show is explained on the story page, with the form as typed."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from tests.backoffice.helpers import record, statement

pytestmark = pytest.mark.django_db(transaction=True)


def page(client: Client, story: str, **query: str) -> str:
    """GET the story page with a replay query; check it is a 200 admin page; return its text."""
    response = client.get(f"/admin/newsroom/stories/{story}/", query)
    assert response.status_code == 200, response.content[:300]
    text = html.unescape(response.content.decode())
    assert '<div id="container">' in text and 'id="replay"' in text  # the admin's own layout
    return text


def errors(text: str) -> list[str]:
    """Return the replay control's error messages."""
    found = re.search(r'<ul class="errorlist"[^>]*>(.*?)</ul>', text, re.S)
    return re.findall(r"<li>(.*?)</li>", found.group(1), re.S) if found else []


def field_value(text: str, input_id: str) -> str:
    """Return the value attribute of the input with this id."""
    found = re.search(rf'<input[^>]*id="{input_id}"[^>]*value="([^"]*)"', text)
    assert found, input_id
    return found.group(1)


def test_as_of_before_anything_was_recorded_with_the_default_basis_explains_itself(
    viewer_client: Client, story: str
) -> None:
    """As of a date before the story was recorded, no basis given: a message, not a 404."""
    record(story, statement("Something said"))
    text = page(viewer_client, story, as_of="2000-01-01")
    [message] = errors(text)
    assert message.startswith("As of:") and "basis 'occurred'" in message
    assert field_value(text, "replay-as-of") == "2000-01-01"
    assert 'class="replay-banner"' not in text  # the story is shown as it is now
    assert "Something said" in text


def test_a_version_beyond_the_current_one_is_explained_on_the_version_field(
    viewer_client: Client, story: str
) -> None:
    """?version=99 of a 2-version story names the current version and keeps 99 in the field."""
    record(story, statement("Something said"))
    text = page(viewer_client, story, version="99")
    [message] = errors(text)
    assert message.startswith("Version:") and "version 2" in message and "99" in message
    assert field_value(text, "replay-version") == "99"
    assert 'class="replay-banner"' not in text


def test_an_unreadable_date_keeps_what_was_typed_and_the_basis(
    viewer_client: Client, story: str
) -> None:
    """as_of=soon with basis occurred: the message, "soon" in the field, occurred selected."""
    text = page(viewer_client, story, as_of="soon", basis="occurred")
    [message] = errors(text)
    assert message.startswith("As of:") and "not a date or time" in message
    assert field_value(text, "replay-as-of") == "soon"
    assert re.search(r'<option value="occurred" selected>', text)
    assert not re.search(r'<option value="recorded" selected>', text)


def test_a_replay_that_works_shows_no_error(viewer_client: Client, story: str) -> None:
    """A date at or after the recording shows the replay banner and no message."""
    text = page(viewer_client, story, as_of="2999-01-01")
    assert errors(text) == [] and 'class="replay-banner"' in text


def test_a_replay_of_an_unknown_story_is_still_404(viewer_client: Client) -> None:
    """Replay parameters do not turn a missing story into a page."""
    url = "/admin/newsroom/stories/no-such-story-here/"
    assert viewer_client.get(url, {"version": "2"}).status_code == 404
    assert viewer_client.get(url, {"as_of": "2000-01-01"}).status_code == 404
