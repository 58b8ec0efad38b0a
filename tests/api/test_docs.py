"""The API's docs: offline Swagger UI, the schema described and in step with docs/API.md."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tracker.api.schemas import writes
from tracker.domain.developments import DEVELOPMENT_MODELS

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "screenshots"
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


API_DOC = ROOT / "docs" / "API.md"
OPERATION = re.compile(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`\s?]*)")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def openapi(client: Client) -> dict[str, Any]:
    """Return the served OpenAPI document."""
    document: dict[str, Any] = client.get("/api/v1/openapi.json").json()
    return document


def operations(schema: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Return every operation of the schema by (METHOD, path below /api/v1)."""
    return {
        (method.upper(), path.removeprefix("/api/v1")): operation
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    }


@pytest.mark.django_db
def test_api_md_describes_exactly_the_operations_of_the_schema(client: Client) -> None:
    """Every path and method of openapi.json is in docs/API.md, and docs/API.md names no other."""
    in_schema = set(operations(openapi(client)))
    in_doc = set(OPERATION.findall(API_DOC.read_text(encoding="utf-8")))
    assert in_schema - in_doc == set(), "in the schema, not in docs/API.md"
    assert in_doc - in_schema == set(), "in docs/API.md, not in the schema"


@pytest.mark.django_db
def test_every_parameter_has_a_description(client: Client) -> None:
    """Each query, path and header parameter of every operation says what it is for."""
    missing = [
        f"{method} {path}: {parameter['name']}"
        for (method, path), operation in operations(openapi(client)).items()
        for parameter in operation.get("parameters", [])
        if not parameter.get("description", "").strip()
    ]
    assert missing == []


@pytest.mark.django_db
def test_every_write_offers_examples_its_schema_accepts(client: Client) -> None:
    """Each request body has examples, and each example passes the validation a request does."""
    for (method, path), operation in operations(openapi(client)).items():
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body is None:
            assert method not in ("POST", "PUT", "PATCH"), f"{method} {path} has no JSON body"
            continue
        examples = [example["value"] for example in body.get("examples", {}).values()]
        assert examples, f"{method} {path} shows no example"
        name = body["schema"]["$ref"].rpartition("/")[2]
        for value in examples:
            if name == "DevelopmentIn":
                DEVELOPMENT_MODELS[value["type"]].model_validate(value)
            else:
                getattr(writes, name).model_validate(value)


def descriptions(node: Any) -> list[str]:
    """Return every `description` text anywhere in an OpenAPI document."""
    if isinstance(node, dict):
        found = [node["description"]] if isinstance(node.get("description"), str) else []
        return found + [text for value in node.values() for text in descriptions(value)]
    if isinstance(node, list):
        return [text for value in node for text in descriptions(value)]
    return []


@pytest.mark.django_db
def test_the_descriptions_link_documents_that_are_served(client: Client) -> None:
    """A document the API description names is a link, and the link answers the document."""
    texts = descriptions(openapi(client))
    targets = {target for text in texts for _, target in MARKDOWN_LINK.findall(text)}
    assert {"/api/v1/docs/API.md", "/api/v1/docs/VOCABULARY.md"} <= targets
    for text in texts:
        assert ".md" not in MARKDOWN_LINK.sub("", text), f"a document named, not linked: {text}"
    for target in targets:
        answer = client.get(target)
        assert answer.status_code == 200, target
        assert answer["Content-Type"] == "text/plain; charset=utf-8"
        name = target.rpartition("/")[2]
        assert answer.content == (ROOT / "docs" / name).read_bytes()
    unknown = client.get("/api/v1/docs/..%2Fpyproject.toml")
    assert unknown.status_code == 404 and unknown.json()["code"] == "not_found"
    assert client.post("/api/v1/docs/API.md").json()["code"] == "method_not_allowed"


def heading_anchors(markdown: str) -> set[str]:
    """Return the anchors GitHub gives a Markdown text's headings."""
    headings = re.findall(r"^#+ (.+)$", re.sub(r"```.*?```", "", markdown, flags=re.S), re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def test_links_between_the_readme_and_the_docs_resolve() -> None:
    """Every relative link in README.md and docs/*.md names a file that exists, and its heading."""
    broken = []
    for source in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = source.read_text(encoding="utf-8")
        for _, target in MARKDOWN_LINK.findall(text):
            if "://" in target or target.startswith("/"):
                continue
            file_part, _, anchor = target.partition("#")
            linked = (source.parent / file_part).resolve() if file_part else source
            anchors = (
                heading_anchors(linked.read_text(encoding="utf-8")) if linked.is_file() else set()
            )
            if not linked.is_file() or (anchor and anchor not in anchors):
                broken.append(f"{source.name}: {target}")
    assert broken == []


def test_nothing_in_the_project_depends_on_files_outside_it() -> None:
    """No file of the project points at ../shared (the docs live in docs/)."""
    files = [ROOT / name for name in ("README.md", "Makefile", "Dockerfile", "pyproject.toml")]
    files += [*(ROOT / "docs").glob("*.md"), *(ROOT / "tracker").rglob("*.py")]
    files += [*(ROOT / "tracker").rglob("*.html")]
    assert [path for path in files if "../shared" in path.read_text(encoding="utf-8")] == []
