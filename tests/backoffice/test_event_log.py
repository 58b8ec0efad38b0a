"""The event log and the read models in the admin: readable, filterable, never writable."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.backoffice.helpers import record, statement
from tracker.backoffice.models import Event
from tracker.services.selectors import story_get
from tracker.services.streams import story_id_of

pytestmark = pytest.mark.django_db(transaction=True)
LOG = "/admin/backoffice/event/"


def test_the_log_lists_and_filters_events(viewer_client: Client, story: str) -> None:
    """Filter by type, stream type, stream, recorder and date; every filter answers 200."""
    record(story, statement("Logged words"), username="log-writer")
    stream = str(story_id_of(story))
    assert viewer_client.get(LOG).status_code == 200
    by_type = viewer_client.get(LOG, {"event_type": "statement"}).content.decode()
    assert "statement" in by_type
    assert viewer_client.get(LOG, {"stream_type": "story"}).status_code == 200
    by_stream = viewer_client.get(LOG, {"stream": stream}).content.decode()
    assert by_stream.count('class="field-type_label"') == 2  # opened + the statement
    both = {"recorder": "user:log-writer", "stream": stream}
    by_recorder = viewer_client.get(LOG, both).content.decode()
    assert by_recorder.count('class="field-type_label"') == 1  # not the story's opening
    assert "log-writer (user)" in by_recorder
    today = viewer_client.get(LOG, {"recorded_at__gte": "2000-01-01"})
    assert today.status_code == 200
    assert viewer_client.get(LOG, {"q": stream}).status_code == 200


def test_an_event_shows_its_json_pretty_printed(viewer_client: Client, story: str) -> None:
    """The detail page indents data and metadata and keeps non-ASCII text readable."""
    record(story, statement("Дмитриев говорит"))
    event = Event.objects.filter(stream_id=story_id_of(story), version=2).get()
    page = viewer_client.get(f"{LOG}{event.position}/change/").content.decode()
    assert '<pre class="backoffice-json">' in page
    assert "Дмитриев говорит" in page
    assert "\n  &quot;summary&quot;: &quot;Дмитриев говорит&quot;" in page


def test_no_one_adds_changes_or_deletes_events(superuser_client: Client, story: str) -> None:
    """Add, change and delete are refused even to the superuser."""
    event = Event.objects.filter(stream_id=story_id_of(story)).get()
    assert superuser_client.get(f"{LOG}add/").status_code == 403
    assert superuser_client.post(f"{LOG}add/", {"event_type": "x"}).status_code == 403
    change = superuser_client.post(f"{LOG}{event.position}/change/", {"event_type": "x"})
    assert change.status_code == 403
    assert (
        superuser_client.post(f"{LOG}{event.position}/delete/", {"post": "yes"}).status_code == 403
    )
    assert Event.objects.filter(position=event.position, event_type="story_opened").exists()
    page = superuser_client.get(f"{LOG}{event.position}/change/").content.decode()
    assert 'name="_save"' not in page and "Delete" not in page


def test_read_models_are_read_only(superuser_client: Client, story: str) -> None:
    """The read models' admin pages show rows but refuse writes."""
    record(story, statement())
    for model in ("storyview", "developmentview", "actorview", "checkpoint"):
        assert superuser_client.get(f"/admin/projections/{model}/").status_code == 200
        assert superuser_client.get(f"/admin/projections/{model}/add/").status_code == 403
    found = superuser_client.get("/admin/projections/storyview/", {"q": story})
    assert f"/admin/newsroom/stories/{story}/" in found.content.decode()
    detail = superuser_client.get(f"/admin/projections/storyview/{story_id_of(story)}/change/")
    assert detail.status_code == 200 and "backoffice-json" in detail.content.decode()
    assert 'name="_save"' not in detail.content.decode()


def test_viewers_see_the_log_but_no_write_links(viewer_client: Client) -> None:
    """The admin index shows the log to viewers without add links."""
    page = viewer_client.get("/admin/").content.decode()
    assert LOG in page and f"{LOG}add/" not in page


def test_each_event_names_its_story_with_a_link_and_a_short_id(
    viewer_client: Client, story: str
) -> None:
    """A row shows the story's title linking its page, and 8 characters of the id (all on hover)."""
    record(story, statement("Logged words"))
    stream = str(story_id_of(story))
    page = viewer_client.get(LOG, {"stream": stream}).content.decode()
    title = story_get(story=story)["title"]
    assert f'<a href="/admin/newsroom/stories/{story}/" title="{title}">{title}</a>' in page
    assert f'<abbr class="short-id" title="{stream}">{stream[:8]}</abbr>' in page
    assert f">{stream}<" not in page  # never the whole id as text
    table = page.split('id="result_list"')[1].split("</table>")[0]
    assert ">statement<" in table and ">story opened<" in table and "story_opened" not in table
