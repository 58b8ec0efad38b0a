"""Actors: autocomplete across aliases, search, adding an alias, merging with a preview."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from tests.backoffice.helpers import record, statement
from tracker.domain import actor_id_for_name
from tracker.services import actors
from tracker.services.selectors import actor_get

pytestmark = pytest.mark.django_db(transaction=True)


def actor(name: str, *aliases: tuple[str, str]) -> str:
    """Register an actor with aliases; return its id."""
    result = actors.actor_register(
        name=name, kind="person", aliases=[{"name": n, "language": lang} for n, lang in aliases]
    )
    return str(result.stream_id)


def unique(word: str) -> str:
    """Return a name no other test uses."""
    return f"{word} {uuid.uuid4().hex[:6]}"


def test_suggestions_match_aliases_in_any_script(viewer_client: Client) -> None:
    """Typing part of a Cyrillic alias suggests the actor with the alias that matched."""
    tag = uuid.uuid4().hex[:6]
    actor_id = actor(f"Olga Testowa {tag}", (f"Ольга Тестова {tag}", "ru"))
    answer = viewer_client.get("/admin/newsroom/actors/suggest.json", {"q": f"тестова {tag}"})
    [item] = answer.json()["items"]
    assert item["id"] == actor_id and item["match"] == f"Ольга Тестова {tag}"
    assert item["name"] == f"Olga Testowa {tag}"
    assert viewer_client.get("/admin/newsroom/actors/suggest.json", {"q": "  "}).json() == {
        "items": []
    }


def test_the_actor_list_searches_aliases(viewer_client: Client) -> None:
    """The list finds an actor by an alias and shows all its names."""
    tag = uuid.uuid4().hex[:6]
    actor(f"Jean Muster {tag}", (f"Johann Muster {tag}", "de"))
    page = viewer_client.get("/admin/newsroom/actors/", {"q": f"johann muster {tag}"})
    text = page.content.decode()
    assert f"Jean Muster {tag}" in text and f"Johann Muster {tag}" in text


def test_an_editor_adds_an_alias(editor_client: Client, viewer_client: Client) -> None:
    """The alias form adds a spelling; an empty name shows the domain's message; viewers 403."""
    actor_id = actor(unique("Alias Person"))
    address = f"/admin/newsroom/actors/{actor_id}/alias/"
    assert viewer_client.post(address, {"name": "Nope"}).status_code == 403
    added = editor_client.post(address, {"name": unique("Alias Spelling"), "language": "de"})
    assert added.status_code == 302
    assert len(actor_get(actor_id=uuid.UUID(actor_id))["aliases"]) == 1
    empty = editor_client.post(address, {"name": "", "language": ""})
    assert empty.status_code == 200 and "must not be empty" in empty.content.decode()


def test_a_merge_shows_what_changes_before_it_happens(editor_client: Client, story: str) -> None:
    """The confirmation page lists the names and stories; confirming merges; both become one."""
    duplicate, original = unique("Kiril Dupe"), unique("Kirill Original")
    record(story, statement(speaker={"name": duplicate}))
    original_id = actor(original)
    duplicate_id = str(actor_id_for_name(duplicate))
    address = f"/admin/newsroom/actors/{duplicate_id}/merge/"
    pick = editor_client.get(address, {"q": original.split()[-1]}).content.decode()
    assert f"?into={original_id}" in pick
    preview = editor_client.get(address, {"into": original_id}).content.decode()
    assert duplicate in preview and original in preview
    assert f"/admin/newsroom/stories/{story}/" in preview  # the story that will change
    assert actor_get(actor_id=uuid.UUID(duplicate_id))["id"] == duplicate_id  # not yet merged
    done = editor_client.post(address, {"into": original_id})
    assert done.status_code == 302
    assert actor_get(actor_id=uuid.UUID(duplicate_id))["id"] == original_id
    followed = editor_client.get(f"/admin/newsroom/actors/{duplicate_id}/")
    assert followed.status_code == 302 and original_id in followed["Location"]
    again = editor_client.post(address, {"into": original_id}, follow=True)
    assert "already" in again.content.decode()


def test_an_unknown_actor_is_404(viewer_client: Client) -> None:
    """An id no actor has answers 404."""
    assert viewer_client.get(f"/admin/newsroom/actors/{uuid.uuid4()}/").status_code == 404
