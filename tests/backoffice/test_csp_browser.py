"""Under the Content-Security-Policy the admin and the API docs work in Chromium, unblocked."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backoffice.conftest import PASSWORD, newsroom_user
from tests.backoffice.test_browser import chromium  # noqa: F401  # the fixture
from tracker import bootstrap
from tracker.projections import projector
from tracker.services.sample import sample_load

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PAGES = [
    "/admin/",
    "/admin/newsroom/",
    "/admin/newsroom/actors/",
    "/admin/backoffice/event/",  # the admin's change list writes an inline <style>
    "/admin/auth/user/add/",
    "/admin/axes/accessattempt/",
]


@pytest.fixture
def newsroom(transactional_db: None) -> tuple[str, Any]:
    """Load the sample story (its figures draw a chart) and make a superuser, before Playwright."""
    slug = sample_load().slug
    store = bootstrap.event_store()
    assert projector.catch_up(store, position=store.last_position(), timeout=120)
    return slug, newsroom_user(None, superuser=True)


def test_admin_and_docs_run_under_the_policy(
    live_server: Any,
    newsroom: tuple[str, Any],
    chromium: Any,  # noqa: F811
) -> None:
    """Logging in, the admin's pages, a story with its chart and the Swagger docs break no rule."""
    slug, user = newsroom
    context = chromium.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text))
    page.on("pageerror", lambda error: violations.append(str(error)))

    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    assert page.evaluate("document.querySelector('#id_username') !== null")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    for path in [*PAGES, f"/admin/newsroom/stories/{slug}/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        header = response.headers["content-security-policy"]
        policy = dict(part.strip().partition(" ")[::2] for part in header.split(";"))
        assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"

    assert page.locator("figure.chart svg").count() > 0  # the story page (last) drew its chart

    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".opblock").first.wait_for()  # Swagger UI rendered the operations
    page.locator(".opblock-summary").first.click()  # and reacts to clicks
    page.locator(".opblock-body").first.wait_for()
    blocked = [text for text in violations if "Content Security Policy" in text]
    assert blocked == []
    context.close()
