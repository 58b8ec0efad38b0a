"""The admin's interactive timeline: TimelineJS, served from our files, draws the sample story."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.backoffice.conftest import PASSWORD, newsroom_user
from tests.backoffice.test_browser import chromium, shot  # noqa: F401  # the fixture
from tracker import bootstrap
from tracker.backoffice.roles import EDITORS
from tracker.projections import projector
from tracker.services.sample import sample_load

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def newsroom(transactional_db: None) -> tuple[str, Any, int]:
    """Load the sample story, make an editor and count the export's development slides.

    All before Playwright starts its event loop. The browser tests run last and record into
    the shared sample story, so the count is read, not assumed.
    """
    slug = sample_load().slug
    store = bootstrap.event_store()
    assert projector.catch_up(store, position=store.last_position(), timeout=120)
    export = Client().get(f"/api/v1/stories/{slug}/export/timelinejs")
    assert export.status_code == 200
    return slug, newsroom_user(EDITORS), len(export.json()["events"])


def test_the_timeline_page_renders_the_sample_story_offline_under_the_policy(
    live_server: Any,
    newsroom: tuple[str, Any, int],
    chromium: Any,  # noqa: F811
) -> None:
    """From the story page's link, TimelineJS draws a slide per development: no console error,
    no request leaves the server, and the page keeps the strict Content-Security-Policy."""
    slug, editor, developments = newsroom
    context = chromium.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else 0)

    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else 0)
    page.on(
        "request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else 0
    )

    page.goto(f"{live_server.url}/admin/login/?next=/admin/newsroom/stories/{slug}/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    assert page.locator("a.export-ninjs").get_attribute("href") == (
        f"/admin/newsroom/stories/{slug}/export/ninjs/"
    )
    page.click("a.story-timeline-link")
    page.locator("#timeline-embed[data-state=ready]").wait_for()
    page.locator(".tl-slide-titleslide").first.wait_for()
    response = page.goto(page.url)  # the page's own policy: the admin's strict one
    assert response is not None and response.status == 200
    policy = {part.strip() for part in response.headers["content-security-policy"].split(";")}
    assert {"script-src 'self'", "style-src 'self'", "connect-src 'self'"} <= policy
    page.locator("#timeline-embed[data-state=ready]").wait_for()
    assert developments >= 10  # the sample's ten, and what other browser tests recorded
    assert page.locator(".tl-timemarker").count() == developments  # one per development
    headline = page.locator(".tl-slide-titleslide .tl-headline").first.inner_text()
    assert "Dmitrijew" in headline
    page.locator(".tl-slidenav-next").first.click()  # it reacts: on to the first development
    active = page.locator(".tl-timemarker.tl-timemarker-active .tl-headline")
    active.wait_for()
    assert active.inner_text().startswith("Das Handelsvolumen")  # the 2021 figure comes first
    assert page.locator(".tl-headline-date", has_text="2. April 2025").count() >= 1
    shot(page, "timelinejs-sample-story")
    # Every resource the page asked for was served (a failed one is listed as "<status> <url>");
    # Chromium's own request for /favicon.ico, which the admin lacks, logs "Failed to load".
    assert [p for p in problems if not p.startswith("Failed to load resource")] == []
    assert outside == []
    context.close()
