"""The story page in headless Chromium: jump list, collapsible sections, anchors; screenshots."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backoffice.conftest import PASSWORD, newsroom_user
from tests.backoffice.test_browser import chromium, shot  # noqa: F401  # the fixture
from tracker import bootstrap
from tracker.backoffice.roles import EDITORS
from tracker.domain import actor_id_for_name
from tracker.projections import projector
from tracker.services.sample import sample_load
from tracker.services.streams import story_id_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

VISIT = "e72c1a56-a145-5412-9cdc-25892ed45cf9"  # the sample's visit, in April 2025
FIGURE_SECTION = "when-2021"  # the sample's 2021 trade figure, alone in its section


@pytest.fixture
def newsroom(transactional_db: None) -> tuple[str, Any, str]:
    """Load the sample story and make an editor, before Playwright starts its event loop.

    Return the story's slug, the editor and the story's id (its stream in the event log).
    """
    slug = sample_load().slug
    store = bootstrap.event_store()
    assert projector.catch_up(store, position=store.last_position(), timeout=120)
    return slug, newsroom_user(EDITORS), str(story_id_of(slug))


def test_an_editor_moves_around_a_story_and_the_admin(
    live_server: Any,
    newsroom: tuple[str, Any, str],
    chromium: Any,  # noqa: F811
) -> None:
    """Sections fold and unfold, the jump list and #dev- addresses open what they name."""
    slug, editor, story_id = newsroom
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    base = live_server.url
    story_url = f"{base}/admin/newsroom/stories/{slug}/"

    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    assert page.locator("#site-name").inner_text() == "Newsroom tracker"
    listed = page.locator("#content-main .app-backoffice th a").all_inner_texts()
    assert listed == ["Stories", "Actors", "Event log"]
    shot(page, "10-admin-home")

    page.goto(story_url)
    sidebar = page.locator("#nav-sidebar .app-backoffice th a")
    assert sidebar.all_inner_texts() == ["Stories", "Actors", "Event log"]
    jump = page.locator("nav.jump-list")
    assert "Apr 2025" in jump.inner_text() and "date not known" in jump.inner_text()
    page.screenshot(path=str(_path("11-story-top")))
    shot(page, "12-story-full")

    figure = page.locator(f"#{FIGURE_SECTION}")
    assert figure.get_attribute("open") is not None
    figure.locator(":scope > summary").click()  # fold a section: its developments are hidden
    assert figure.get_attribute("open") is None
    assert not figure.locator("article.development").first.is_visible()
    jump.get_by_role("link", name="2021 (1)", exact=True).click()
    assert page.url.endswith(f"#{FIGURE_SECTION}")

    april = page.locator("#when-2025-04")
    april.locator(":scope > summary").click()
    assert not page.locator(f"#dev-{VISIT}").is_visible()
    page.goto(f"{story_url}#dev-{VISIT}")  # an address naming a folded development opens it
    assert page.locator(f"#dev-{VISIT}").is_visible()
    assert page.locator(f"#dev-{VISIT} .when time").get_attribute("title") == (
        "2025-04-02 (known to the day)"
    )
    value = page.locator(f"#{FIGURE_SECTION} .field-value .number")
    assert value.inner_text() == "35 bn USD"
    assert value.get_attribute("title") == "35,000,000,000 USD"
    page.goto(story_url)
    page.locator("#when-2025-04 > summary").click()
    shot(page, "13-story-april-folded")

    page.goto(f"{story_url}record/visit/")
    shot(page, "14-record-form")
    page.goto(f"{story_url}developments/{VISIT}/correct/")
    shot(page, "15-correct-form")
    page.goto(f"{story_url}?as_of=2025-04-02&basis=occurred")
    assert page.locator(".replay-banner").is_visible()
    shot(page, "16-replay-by-date")

    page.goto(f"{base}/admin/backoffice/event/?stream={story_id}")  # other tests' come later
    row = page.locator("#result_list tbody tr").first
    assert row.locator("td.field-stream a").inner_text().startswith("Kreml-Gesandter")
    stream_id = row.locator("td.field-stream abbr.short-id")
    assert len(stream_id.inner_text()) == 8 and len(stream_id.get_attribute("title") or "") == 36
    shot(page, "17-event-log")
    row.locator("th a").click()
    shot(page, "18-event-detail")

    actor = actor_id_for_name("Kirill Dmitrijew")
    page.goto(f"{base}/admin/newsroom/actors/{actor}/")
    shot(page, "19-actor-page")
    page.goto(f"{base}/admin/newsroom/actors/")
    shot(page, "20-actor-list")
    page.goto(f"{base}/admin/newsroom/stories/?q=Kreml")  # other tests' stories fill the list
    sample_row = page.locator(".newsroom-table tr", has_text="Kreml-Gesandter").first
    assert sample_row.locator("time").first.get_attribute("title")
    shot(page, "21-story-list")
    assert [text for text in errors if "Content Security Policy" in text] == []
    context.close()


def _path(name: str) -> Any:
    """Return where a viewport screenshot goes (beside the full-page ones)."""
    from tests.backoffice.test_browser import SHOTS

    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / f"{name}.png"
