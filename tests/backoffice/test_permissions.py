"""Who may do what: viewers look, editors record, correct and retract, the superuser all."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.backoffice.helpers import record, statement, version_of, visit_form
from tracker.backoffice.roles import EDITORS, VIEWERS, roles_ensure

pytestmark = pytest.mark.django_db(transaction=True)


def codenames(group: str) -> set[str]:
    """Return the permission codenames of a group."""
    found = Group.objects.get(name=group).permissions.values_list("codename", flat=True)
    return set(found)


def test_the_groups_hold_their_permissions() -> None:
    """Editors may record, correct and retract; viewers may only look."""
    roles_ensure()
    roles_ensure()  # twice changes nothing
    writes = {"record_development", "correct_development", "retract_development"}
    assert writes <= codenames(EDITORS)
    assert not writes & codenames(VIEWERS)
    assert {"browse", "view_event", "view_storyview"} <= codenames(VIEWERS)


def test_a_viewer_looks_but_cannot_record(viewer_client: Client, story: str) -> None:
    """The story page shows no write actions to a viewer; the record form and POST are 403."""
    event_id = record(story, statement())
    page = viewer_client.get(f"/admin/newsroom/stories/{story}/")
    assert page.status_code == 200
    assert "Record a development" not in page.content.decode()
    assert "/correct/" not in page.content.decode()
    address = f"/admin/newsroom/stories/{story}/record/visit/"
    assert viewer_client.get(address).status_code == 403
    assert viewer_client.post(address, visit_form(2)).status_code == 403
    base = f"/admin/newsroom/stories/{story}/developments/{event_id}"
    assert viewer_client.post(f"{base}/correct/", {"reason": "x"}).status_code == 403
    assert viewer_client.post(f"{base}/retract/", {"reason": "x"}).status_code == 403
    assert viewer_client.post("/admin/newsroom/stories/new/", {"title": "T"}).status_code == 403
    assert version_of(story) == 2


def test_an_editor_records(editor_client: Client, story: str) -> None:
    """An editor sees the write actions and records."""
    page = editor_client.get(f"/admin/newsroom/stories/{story}/").content.decode()
    assert "Record a development" in page
    response = editor_client.post(f"/admin/newsroom/stories/{story}/record/visit/", visit_form(1))
    assert response.status_code == 302 and version_of(story) == 2


def test_the_superuser_does_everything(superuser_client: Client, story: str) -> None:
    """The admin superuser records without being in any group."""
    address = f"/admin/newsroom/stories/{story}/record/visit/"
    assert superuser_client.post(address, visit_form(1)).status_code == 302


def test_anonymous_visitors_are_sent_to_the_login(client: Client, story: str) -> None:
    """Every newsroom page needs a staff login."""
    response = client.get(f"/admin/newsroom/stories/{story}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get("/admin/newsroom/actors/suggest.json?q=ab").status_code == 302


def test_a_staff_user_without_a_group_sees_nothing(story: str) -> None:
    """Staff status alone does not open the newsroom."""
    from tests.backoffice.conftest import logged_in, newsroom_user

    client = logged_in(newsroom_user(None))
    assert client.get(f"/admin/newsroom/stories/{story}/").status_code == 403
    assert "/admin/newsroom/stories/" not in client.get("/admin/").content.decode()


def test_the_admin_index_links_the_newsroom(viewer_client: Client, editor_client: Client) -> None:
    """The Newsroom app lists Stories, Actors and the event log, first; only editors may add."""
    page = viewer_client.get("/admin/").content.decode()
    start = page.index('class="app-backoffice')
    newsroom = page[start : page.index('class="app-', start + 1)]
    assert 'href="/admin/newsroom/stories/"' in newsroom and "/admin/newsroom/actors/" in newsroom
    assert "/admin/backoffice/event/" in newsroom
    assert "/admin/newsroom/stories/new/" not in page  # a viewer cannot open one
    assert start < page.index("app-projections") and "Newsroom tracker" in page
    editor_page = editor_client.get("/admin/").content.decode()
    assert 'href="/admin/newsroom/stories/new/" class="addlink"' in editor_page
    sidebar = editor_client.get("/admin/newsroom/actors/").content.decode()
    nav = sidebar[sidebar.index('id="nav-sidebar"') :]
    assert 'href="/admin/newsroom/actors/" aria-current="page"' in nav
    assert 'href="/admin/newsroom/stories/" aria-current' not in nav
