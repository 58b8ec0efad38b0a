"""The story page: timeline in occurred order, badges, charts, replay, opening a story."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.backoffice.helpers import record, statement, version_of
from tracker.services.selectors import story_get

pytestmark = pytest.mark.django_db(transaction=True)


def figure(period: str, value: str) -> dict[str, object]:
    """Return a trade figure development."""
    return {
        "type": "figure",
        "summary": f"Trade in {period}",
        "occurred_at": period,
        "source": {"outlet": "Stats Office", "url": "https://example.org/stats"},
        "metric": "Trade volume",
        "value": value,
        "unit": "USD",
        "period": period,
    }


def test_the_timeline_is_in_occurred_order_with_sources_linked(
    viewer_client: Client, story: str
) -> None:
    """Developments recorded out of order show in the order they happened; URLs are links."""
    record(story, statement("Later words", occurred_at="2025-05-01"))
    record(story, statement("Earlier words", occurred_at="2024-12"))
    page = viewer_client.get(f"/admin/newsroom/stories/{story}/").content.decode()
    assert page.index("Earlier words") < page.index("Later words")
    assert ">Dec 2024</time>" in page and ">1 May 2025</time>" in page  # as precise as known
    assert 'href="https://example.org/a"' not in page  # no invented links
    record(story, {**figure("2021", "35000000000")})
    page = viewer_client.get(f"/admin/newsroom/stories/{story}/").content.decode()
    assert '<a href="https://example.org/stats"' in page


def test_confirmation_badge_names_who_confirmed(viewer_client: Client, story: str) -> None:
    """A confirmation pointing at a statement marks it confirmed, by the confirmer."""
    target = record(story, statement("The claim"))
    record(
        story,
        {
            "type": "confirmation",
            "summary": "Spokesperson confirms",
            "source": {"outlet": "Test Wire"},
            "confirmer": {"name": "Pat Spokes"},
            "confirms": target,
        },
    )
    page = viewer_client.get(f"/admin/newsroom/stories/{story}/").content.decode()
    assert "confirmed by Pat Spokes" in page
    assert f'href="#dev-{target}"' in page  # the confirmation links to what it confirms


def test_figures_are_drawn_as_an_svg_chart(viewer_client: Client, story: str) -> None:
    """Each figure series is a server-rendered SVG with its periods and compact values."""
    first = record(story, figure("2021", "35000000000"))
    record(story, figure("2024", "3500000000"))
    page = viewer_client.get(f"/admin/newsroom/stories/{story}/").content.decode()
    assert "<svg" in page and "Trade volume" in page
    assert "35 bn USD" in page and "3.5 bn USD" in page
    assert '<span class="number" title="35,000,000,000 USD">35 bn USD</span>' in page
    assert "35000000000" not in page  # no raw figure on the page
    assert "badge-unconfirmed" not in page  # a figure is not a claim awaiting confirmation
    assert f'<a href="#dev-{first}">' in page  # a point links to its development


def test_replay_by_version_shows_the_story_back_then(viewer_client: Client, story: str) -> None:
    """version=1 shows the opened story without developments, and a way back to now."""
    record(story, statement("Something said"))
    url = f"/admin/newsroom/stories/{story}/"
    then = viewer_client.get(url, {"version": 1}).content.decode()
    assert "No development yet." in then and "Something said" not in then
    assert "back to now (version 2)" in then
    assert "Something said" in viewer_client.get(url).content.decode()


def test_replay_by_date_on_either_basis(viewer_client: Client, story: str) -> None:
    """as_of with basis occurred keeps what happened by then; recorded keeps what was known."""
    record(story, statement("Old words", occurred_at="2020-01-01"))
    record(story, statement("New words", occurred_at="2025-01-01"))
    url = f"/admin/newsroom/stories/{story}/"
    occurred = viewer_client.get(url, {"as_of": "2021-06-30", "basis": "occurred"})
    assert "Old words" in occurred.content.decode()
    assert "New words" not in occurred.content.decode()
    known = viewer_client.get(url, {"as_of": "2999-01-01", "basis": "recorded"})
    assert "Old words" in known.content.decode() and "New words" in known.content.decode()
    recorded = viewer_client.get(url, {"as_of": "2000-01-01", "basis": "recorded"})
    assert "had been recorded by then" in recorded.content.decode()  # nothing known in 2000


def test_a_bad_replay_date_is_explained(viewer_client: Client, story: str) -> None:
    """An unreadable as_of shows a message and the story as it is now."""
    response = viewer_client.get(f"/admin/newsroom/stories/{story}/", {"as_of": "soon"})
    assert response.status_code == 200
    assert "not a date or time" in response.content.decode()


def test_an_unknown_story_is_404(viewer_client: Client) -> None:
    """A slug no story has answers 404."""
    assert viewer_client.get("/admin/newsroom/stories/no-such-story-here/").status_code == 404


def test_an_editor_opens_a_story(editor_client: Client) -> None:
    """The open form creates the story and goes to its page; a taken slug is explained."""
    response = editor_client.post(
        "/admin/newsroom/stories/new/", {"title": "Talks in Riyadh", "slug": "", "language": "en"}
    )
    assert response.status_code == 302
    slug = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert story_get(story=slug)["title"] == "Talks in Riyadh"
    again = editor_client.post("/admin/newsroom/stories/new/", {"title": "X", "slug": slug})
    assert again.status_code == 200 and "is taken" in again.content.decode()
    empty = editor_client.post("/admin/newsroom/stories/new/", {"title": ""})
    assert "must not be empty" in empty.content.decode() or "required" in empty.content.decode()


def test_the_story_list_searches(viewer_client: Client, story: str) -> None:
    """The list finds a story by its title."""
    record(story, statement("Words"))
    page = viewer_client.get("/admin/newsroom/", {"q": story.split("-")[-1]}).content.decode()
    assert story in page
    assert version_of(story) == 2
    later = viewer_client.get("/admin/newsroom/", {"page": 99}).content.decode()
    assert "page 99" in later and story not in later
