"""No dead links: an editor's crawl of the admin finds every internal link and anchor alive."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from tests.backoffice.helpers import form_body
from tracker import bootstrap
from tracker.projections import projector
from tracker.services.sample import sample_load

pytestmark = pytest.mark.django_db(transaction=True)

VISIT = "e72c1a56-a145-5412-9cdc-25892ed45cf9"  # the sample's visit to Washington
MAX_URLS = 2000
PER_SHAPE = 3  # addresses of one shape followed (every story page alike, every event alike)
NOT_LINKS = ("mailto:", "javascript:", "tel:")


class _Page(HTMLParser):
    """Collect a page's link targets and element ids."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))


def read(html: str) -> _Page:
    """Return the links and ids of an HTML page."""
    page = _Page()
    page.feed(html)
    return page


def shape(address: str) -> str:
    """Return an address with its ids, slugs and query values blanked: pages alike share it."""
    path, _, query = address.partition("?")
    segments = ["*" if re.search(r"[0-9-]", part) else part for part in path.split("/")]
    keys = sorted(item.partition("=")[0] for item in query.split("&") if item)
    return "/".join(segments) + ("?" + "&".join(keys) if keys else "")


def crawl(
    client: Client, start: str, keep: tuple[str, ...] = ()
) -> tuple[dict[str, int], list[str]]:
    """Follow the internal links from `start`; return each URL's status and the dead anchors.

    Each admin path is read once (its first address); every other address is only requested.
    Of the addresses of one shape (every story's page, every event's) the first few are
    followed, and every one that contains a `keep` text: the test database holds other
    tests' stories too, and one story's page is built like another's.
    """
    shapes: dict[str, int] = {}
    statuses: dict[str, int] = {}
    ids: dict[str, set[str]] = {}
    anchors: list[tuple[str, str, str]] = []  # (target URL, fragment, page linking it)
    queue, read_paths = [start], set()
    while queue and len(statuses) < MAX_URLS:
        url = queue.pop(0)
        if url in statuses:
            continue
        response = client.get(url)
        statuses[url] = response.status_code
        path = urlsplit(url).path
        html = "text/html" in response.get("Content-Type", "")
        if response.status_code != 200 or not html:
            continue
        page = read(response.content.decode())
        ids[url] = page.ids
        if not path.startswith("/admin/") or path in read_paths:
            continue
        read_paths.add(path)
        for href in page.links:
            if href.startswith(NOT_LINKS):
                continue
            target, fragment = urldefrag(urljoin(url, href))
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or parts.path == "/admin/logout/":
                continue
            address = parts.path + (f"?{parts.query}" if parts.query else "")
            if fragment:
                anchors.append((address, fragment, url))
            if address in statuses or address in queue:
                continue
            seen = shapes.get(shape(address), 0)
            if seen >= PER_SHAPE and not any(text in address for text in keep):
                continue
            shapes[shape(address)] = seen + 1
            queue.append(address)
    return statuses, missing_anchors(anchors, ids)


def missing_anchors(anchors: list[tuple[str, str, str]], ids: dict[str, set[str]]) -> list[str]:
    """Return the links whose #fragment names no element of the page they point at."""
    return [
        f"{source} links #{fragment} on {target}"
        for target, fragment, source in anchors
        if target in ids and fragment not in ids[target]
    ]


@pytest.fixture
def sample(transactional_db: None) -> str:
    """Load the sample story and wait until it is projected; return its slug."""
    slug = sample_load().slug
    store = bootstrap.event_store()
    assert projector.catch_up(store, position=store.last_position(), timeout=120)
    return str(slug)


def test_a_correction_lands_on_an_anchor_the_story_page_has(
    editor_client: Client, sample: str
) -> None:
    """After a correction the address names the correction's entry in the history, shown."""
    address = f"/admin/newsroom/stories/{sample}/developments/{VISIT}/correct/"
    body = form_body(editor_client.get(address).content.decode())
    body |= {"destination": "Washington, D.C.", "reason": "More precise"}
    response = editor_client.post(address, body | {"evidence.outlet": "Der Spiegel"})
    assert response.status_code == 302
    target, fragment = urldefrag(response["Location"])
    page = editor_client.get(target).content.decode()
    assert fragment and fragment in read(page).ids
    entry = page[page.index(f'id="{fragment}"') :]
    assert entry.index("More precise") < entry.index("</li>")


def test_every_link_an_editor_sees_answers(editor_client: Client, sample: str) -> None:
    """From the admin's home, every internal link answers below 400 and every #anchor exists."""
    retract = f"/admin/newsroom/stories/{sample}/developments/{VISIT}/retract/"
    version = form_body(editor_client.get(retract).content.decode())["expected_version"]
    done = {"expected_version": version, "reason": "Test", "evidence.outlet": "AP"}
    assert editor_client.post(retract, done).status_code == 302  # a retracted one is linked too
    statuses, dead = crawl(editor_client, "/admin/", keep=(sample, VISIT))
    assert len(statuses) < MAX_URLS
    broken = {url: status for url, status in statuses.items() if status >= 400}
    assert broken == {} and dead == []
    assert any(VISIT in url for url in statuses)  # the retracted development's pages too
    story = f"/admin/newsroom/stories/{sample}/"
    for seen in (story, "/admin/newsroom/actors/", "/admin/backoffice/event/", "/api/v1/docs"):
        assert statuses.get(seen) == 200, seen  # the crawl reached the newsroom's pages


def test_the_crawl_reports_dead_links_and_anchors(editor_client: Client) -> None:
    """A page that answers 404 and an anchor no element has are both reported."""
    statuses, dead = crawl(editor_client, "/admin/newsroom/no-such-page/")
    assert statuses == {"/admin/newsroom/no-such-page/": 404} and dead == []
    page = read('<a href="#nowhere">x</a><a href="#here">y</a><p id="here"></p>')
    anchors = [("/p/", fragment.lstrip("#"), "/p/") for fragment in page.links]
    assert missing_anchors(anchors, {"/p/": page.ids}) == ["/p/ links #nowhere on /p/"]
