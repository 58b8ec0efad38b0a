"""The OpenAPI docs work offline: no CDN in the page, and Swagger UI renders in Chromium."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from django.test import Client

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_or_skip() -> str:
    """Return the Chromium binary; skip without one, unless CI=true (then fail)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import playwright  # noqa: F401
    except ImportError:
        found = None
    if found is None:
        message = (
            "no chromium binary or no playwright: apt-get install -y chromium && "
            "pip install playwright (never `playwright install`)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.mark.django_db
def test_docs_page_uses_only_local_assets(client: Client) -> None:
    """The docs HTML links only the project's static files, which are served."""
    html = client.get("/api/v1/docs").content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(url.startswith("/static/") for url in urls), urls
    assert "cdn" not in html.lower()
    assert '"validatorUrl": null' in html  # no call to validator.swagger.io
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_openapi_documents_the_development_types(client: Client) -> None:
    """openapi.json describes a development as a oneOf of its types, picked by `type`."""
    schema = client.get("/api/v1/openapi.json").json()
    development = schema["components"]["schemas"]["DevelopmentIn"]
    assert development["discriminator"]["propertyName"] == "type"
    assert len(development["oneOf"]) >= 10
    body = schema["paths"]["/api/v1/stories/{story}/developments"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/DevelopmentIn"
    }


@pytest.mark.slow
def test_swagger_ui_renders_offline_in_chromium(live_url: str) -> None:
    """Headless Chromium renders the operations, and asks nothing of any other host."""
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    foreign: list[str] = []

    def local_only(route, request):
        if request.url.startswith(live_url):
            route.continue_()
        else:
            foreign.append(request.url)
            route.abort()

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 2400})
            page.route("**/*", local_only)
            page.goto(f"{live_url}/api/v1/docs", wait_until="networkidle")
            page.wait_for_selector(".opblock", timeout=20_000)
            text = page.inner_text("#swagger-ui")
            page.screenshot(path=str(ARTIFACTS / "api-docs.png"), full_page=True)
        finally:
            browser.close()
    assert "News tracker API" in text
    for path in ("/api/v1/stories", "/api/v1/events", "/api/v1/actors", "/api/v1/health"):
        assert path in text
    assert foreign == []
