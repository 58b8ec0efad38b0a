"""In headless Chromium: a near spelling of an actor is asked about before saving, under the CSP."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backoffice.conftest import PASSWORD, newsroom_user
from tests.backoffice.test_browser import chromium, fill, shot  # noqa: F401  # the fixture
from tracker import bootstrap
from tracker.backoffice.roles import EDITORS
from tracker.domain import actor_id_for_name
from tracker.projections import projector
from tracker.services.sample import sample_load

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def newsroom(transactional_db: None) -> tuple[str, Any]:
    """Load the sample story and make an editor, before Playwright starts its event loop."""
    slug = sample_load().slug
    store = bootstrap.event_store()
    assert projector.catch_up(store, position=store.last_position(), timeout=120)
    return slug, newsroom_user(EDITORS)


def test_an_editor_is_asked_did_you_mean_and_picks_the_actor(
    live_server: Any,
    newsroom: tuple[str, Any],
    chromium: Any,  # noqa: F811  # the fixture imported above
) -> None:
    """A visit by "Dmitriev" asks first; choosing Kirill Dmitrijew saves the visit on him."""
    slug, editor = newsroom
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/admin/login/?next=/admin/newsroom/stories/{slug}/record/visit/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    fill(
        page, {"summary": "Dmitriev flies home", "occurred_at": "2025-04-12", "visitor": "Dmitriev"}
    )
    fill(page, {"destination": "Moskau", "source.outlet": "Reuters", "source.language": "en"})
    page.select_option('[name="status"]', "completed")
    page.click('input[type=submit][value="Save"]')
    question = page.locator("#did-you-mean")
    question.wait_for()
    assert "Kirill Dmitrijew" in question.inner_text()
    assert "part of the name" in question.inner_text()
    shot(page, "09-did-you-mean")
    page.get_by_label("Kirill Dmitrijew", exact=False).check()
    page.click('input[type=submit][value="Save"]')
    page.wait_for_url("**#dev-*")
    visit = page.url.rsplit("#dev-", 1)[1]
    article = page.locator(f"#dev-{visit}")
    assert "Kirill Dmitrijew" in article.inner_text()
    assert str(actor_id_for_name("Kirill Dmitrijew")) in article.inner_html()
    assert refused == []
    context.close()
