"""The newsroom in headless Chromium: record, confirm, correct, replay, and a stale second tab."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.backoffice.conftest import PASSWORD, newsroom_user
from tracker import bootstrap
from tracker.backoffice.roles import EDITORS
from tracker.projections import projector
from tracker.services.sample import sample_load

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def _unavailable(reason: str) -> None:
    """Skip without a browser, except in CI, where a missing browser is a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser test (apt-get install -y chromium)")
    pytest.skip(f"{reason}; install Debian's chromium package to run this test")


@pytest.fixture
def chromium() -> Iterator[Any]:
    """Yield a headless Chromium (Debian's binary) driven by Playwright."""
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        _unavailable(f"no chromium binary at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    binary = CHROMIUM if Path(CHROMIUM).exists() else str(shutil.which("chromium"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def shot(page: Any, name: str) -> None:
    """Save a full-page screenshot under artifacts/screenshots/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def fill(page: Any, values: dict[str, str]) -> None:
    """Fill form fields by name."""
    for name, value in values.items():
        page.locator(f'[name="{name}"]').fill(value)


def event_id_of(page: Any) -> str:
    """Return the development id the page was sent to after a save (#dev-<id>)."""
    return str(page.url.rsplit("#dev-", 1)[1])


@pytest.fixture
def newsroom(transactional_db: None) -> tuple[str, Any]:
    """Load the sample story and make an editor, before Playwright starts its event loop."""
    slug = sample_load().slug
    # Earlier tests' events are re-projected after each flush; writes only wait a few seconds.
    store = bootstrap.event_store()
    assert projector.catch_up(store, position=store.last_position(), timeout=120)
    return slug, newsroom_user(EDITORS)


def test_an_editor_records_confirms_corrects_and_replays(
    live_server: Any, newsroom: tuple[str, Any], chromium: Any
) -> None:
    """The whole editing loop on the sample story, as an editor does it in a browser."""
    slug, editor = newsroom
    # No database access below: Playwright's sync API runs an event loop in this thread.
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    story_url = f"{live_server.url}/admin/newsroom/stories/{slug}/"

    page.goto(f"{live_server.url}/admin/login/?next=/admin/newsroom/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.fill('[name="q"]', "Kreml-Gesandter")  # other tests' stories may fill the first page
    page.click('input[type=submit][value="Search"]')
    page.get_by_role("link", name="Kreml-Gesandter Dmitrijew").click()
    assert page.url == story_url
    page.locator("#dev-e72c1a56-a145-5412-9cdc-25892ed45cf9 .badge-confirmed").wait_for()
    shot(page, "01-sample-story")

    page.click("a.record-visit")
    fill(page, {"summary": "Dmitrijew reist nach Sankt Petersburg", "occurred_at": "2025-04-10"})
    page.locator('[name="visitor"]').press_sequentially("Дмитр")
    suggestions = page.locator(".actor-suggestions")  # other tests' namesakes may be listed too
    suggestion = suggestions.get_by_text("Кирилл Дмитриев → Kirill Dmitrijew (person)", exact=True)
    suggestion.wait_for()
    shot(page, "02-actor-autocomplete")
    suggestion.click()
    assert page.locator('[name="visitor"]').input_value() == "Кирилл Дмитриев"
    fill(page, {"destination": "St. Petersburg", "hosts": "Russland"})
    page.select_option('[name="status"]', "planned")
    fill(
        page,
        {
            "source.outlet": "Der Spiegel",
            "source.url": "https://www.spiegel.de/ausland/dmitrijew-a-1.html",
            "source.language": "de",
            "source.published_at": "2025-04-09T10:00:00Z",
            "source.quote": "Dmitrijew wird nächste Woche in Sankt Petersburg erwartet.",
            "source.quote_translation": "Dmitriev is expected in St Petersburg next week.",
            "source.via": "Telegram",
        },
    )
    shot(page, "03-record-visit-form")
    page.click('input[type=submit][value="Save"]')
    visit = event_id_of(page)
    article = page.locator(f"#dev-{visit}")
    assert article.locator(".badge").inner_text().startswith("unconfirmed")
    assert article.get_by_role("link", name="Der Spiegel").get_attribute("href") == (
        "https://www.spiegel.de/ausland/dmitrijew-a-1.html"
    )

    page.click("a.record-confirmation")
    fill(page, {"summary": "Trump bestätigt die Reise", "confirmer": "Donald Trump"})
    fill(page, {"occurred_at": "2025-04-10"})
    page.select_option('[name="confirms"]', visit)
    fill(page, {"source.outlet": "TASS", "source.language": "ru"})
    page.click('input[type=submit][value="Save"]')
    confirmation = event_id_of(page)
    confirmation_version = int(page.locator(f"#dev-{confirmation}").get_attribute("data-version"))
    badge = page.locator(f"#dev-{visit} .badge")
    assert badge.inner_text() == "confirmed by Donald Trump"
    shot(page, "04-visit-confirmed")

    page.locator(f"#dev-{visit} a.correct-link").click()
    assert page.locator('[name="destination"]').input_value() == "St. Petersburg"
    fill(page, {"destination": "Moscow", "reason": "Spiegel corrected the destination"})
    fill(page, {"evidence.outlet": "Der Spiegel", "evidence.url": "https://www.spiegel.de/k"})
    page.click('input[type=submit][value="Save"]')
    history = page.locator(f"#dev-{visit} .dev-history")
    assert "Spiegel corrected the destination" in history.inner_text()
    assert history.locator("del").inner_text() == "St. Petersburg"
    assert history.locator("ins").inner_text() == "Moscow"
    assert page.locator(f"#dev-{visit} .mark-corrected").is_visible()
    shot(page, "05-visit-corrected-history")

    page.fill("#replay-version", str(confirmation_version - 1))
    page.click('input[type=submit][value="Show this version"]')
    assert page.locator(".replay-banner").is_visible()
    assert page.locator(f"#dev-{visit} .badge").inner_text() == "unconfirmed"
    assert page.locator(f"#dev-{confirmation}").count() == 0
    assert page.locator(f"#dev-{visit} .dev-actions").count() == 0  # no writes in the past
    shot(page, "06-replay-before-confirmation")

    page.goto(f"{story_url}record/statement/")
    stale = context.new_page()
    stale.goto(f"{story_url}record/statement/")
    seen = stale.locator("#seen-version").inner_text()
    fill(page, {"summary": "Trump says talks go well", "speaker": "Donald Trump"})
    fill(page, {"content": "The talks are going well.", "source.outlet": "Reuters"})
    page.click('input[type=submit][value="Save"]')
    fill(stale, {"summary": "My stale statement", "speaker": "Wladimir Putin"})
    fill(stale, {"content": "Sanctions first.", "source.outlet": "RIA"})
    stale.click('input[type=submit][value="Save"]')
    conflict = stale.locator("#conflict")
    assert f"You saw version {seen}" in conflict.inner_text()
    assert editor.username in conflict.inner_text()
    assert "Trump says talks go well" in conflict.inner_text()
    assert stale.locator('[name="summary"]').input_value() == "My stale statement"
    shot(stale, "07-stale-tab-conflict")

    stale.get_by_role("link", name="Event log").first.click()
    stale.goto(f"{stale.url}?recorder=user:{editor.username}")
    stale.locator("#result_list tbody tr").first.locator("th a").click()
    assert "development_recorded" not in stale.content()  # the vocabulary's own type names
    assert '"recorded_by": {' in stale.locator("pre.backoffice-json").last.inner_text()
    shot(stale, "08-event-log-entry")
    context.close()
