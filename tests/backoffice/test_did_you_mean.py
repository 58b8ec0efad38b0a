"""The development forms ask "did you mean …?" for new names close to registered actors."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.test import Client

from tests.backoffice.helpers import form_body, only_development, record, version_of, visit_form
from tracker.services import actors

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def envoy() -> dict[str, str]:
    """Register "Kirill Dmitrijew <tag>" (tag: digits, so only this test's names come close)."""
    tag = f"{uuid.uuid4().int % 10**9:09d}"
    name = f"Kirill Dmitrijew {tag}"
    aliases = [{"name": f"Кирилл Дмитриев {tag}", "language": "ru"}]
    result = actors.actor_register(name=name, kind="person", aliases=aliases)
    return {"tag": tag, "name": name, "id": str(result.stream_id)}


def url(story: str) -> str:
    """Return the visit form's address."""
    return f"/admin/newsroom/stories/{story}/record/visit/"


def answered(page: str, **answers: str) -> dict[str, str]:
    """Return the page's form as a browser submits it, with radio answers by group name."""
    body = {
        name: value
        for name, value in form_body(page).items()
        if not re.fullmatch(r"actor-choice-\d+", name)  # radios: only the checked one is sent
    }
    return body | answers


def ask(client: Client, story: str, envoy: dict[str, str]) -> str:
    """Save a visit by "Dmitriev <tag>"; check the question is asked; return the page."""
    response = client.post(url(story), visit_form(1, visitor=f"Dmitriev {envoy['tag']}"))
    assert response.status_code == 422
    return str(response.content.decode())


def test_a_near_name_is_asked_about_before_anything_is_saved(
    editor_client: Client, story: str, envoy: dict[str, str]
) -> None:
    """The form comes back with the candidate, why it matched, and a choice to say it is new."""
    page = ask(editor_client, story, envoy)
    assert "Did you mean" in page and 'id="did-you-mean"' in page
    assert envoy["name"] in page and f"Кирилл Дмитриев {envoy['tag']}" in page
    assert "part of the name" in page
    assert f'type="radio" name="actor-choice-0" value="{envoy["id"]}"' in page
    assert 'type="radio" name="actor-choice-0" value="new"' in page
    assert f'name="actor-choice-0-name" value="Dmitriev {envoy["tag"]}"' in page
    assert version_of(story) == 1


def test_choosing_the_candidate_records_a_reference_to_it(
    editor_client: Client, story: str, envoy: dict[str, str]
) -> None:
    """Saving with the candidate chosen refers to that actor by id, keeping the spelling typed."""
    page = ask(editor_client, story, envoy)
    response = editor_client.post(url(story), answered(page, **{"actor-choice-0": envoy["id"]}))
    assert response.status_code == 302
    view = only_development(story)
    (visitor,) = [actor for actor in view["actors"] if actor["role"] == "visitor"]
    assert visitor["id"] == envoy["id"]
    assert visitor["name_as_stated"] == f"Dmitriev {envoy['tag']}"


def test_confirming_a_new_actor_registers_it_and_says_so(
    editor_client: Client, story: str, envoy: dict[str, str]
) -> None:
    """ "None of these" registers the name, and the page after saving names the new actor."""
    page = ask(editor_client, story, envoy)
    body = answered(page, **{"actor-choice-0": "new"})
    response = editor_client.post(url(story), body, follow=True)
    text = response.content.decode()
    assert f"New actor registered: Dmitriev {envoy['tag']} (person)" in text
    (visitor,) = [a for a in only_development(story)["actors"] if a["role"] == "visitor"]
    assert visitor["id"] != envoy["id"] and visitor["name"] == f"Dmitriev {envoy['tag']}"


def test_saving_without_choosing_asks_again(
    editor_client: Client, story: str, envoy: dict[str, str]
) -> None:
    """No answer, no write: the question stays until the editor answers it."""
    page = ask(editor_client, story, envoy)
    again = editor_client.post(url(story), answered(page))
    assert again.status_code == 422 and "Did you mean" in again.content.decode()
    assert version_of(story) == 1


def test_an_answer_survives_another_refusal(
    editor_client: Client, story: str, envoy: dict[str, str]
) -> None:
    """An answer given beside an invalid field is kept (hidden) and applied once it is fixed."""
    page = ask(editor_client, story, envoy)
    body = answered(page, **{"actor-choice-0": envoy["id"], "summary": ""})
    refused = editor_client.post(url(story), body)
    assert refused.status_code == 422
    kept = refused.content.decode()
    assert "Did you mean" not in kept
    assert f'type="hidden" name="actor-choice-0" value="{envoy["id"]}"' in kept
    fixed = editor_client.post(url(story), form_body(kept) | {"summary": "Envoy in Washington"})
    assert fixed.status_code == 302
    (visitor,) = [a for a in only_development(story)["actors"] if a["role"] == "visitor"]
    assert visitor["id"] == envoy["id"]


def test_a_correction_to_a_near_name_asks_too(
    editor_client: Client, story: str, envoy: dict[str, str]
) -> None:
    """Correcting the visitor to a near spelling asks; the chosen actor is recorded."""
    event_id = record(story, _visit(envoy["name"]))
    correction = f"/admin/newsroom/stories/{story}/developments/{event_id}/correct/"
    page = editor_client.get(correction).content.decode()
    body = form_body(page) | {"visitor": f"Dmitrijev {envoy['tag']}", "reason": "spelling"}
    asked = editor_client.post(correction, body)
    assert asked.status_code == 422 and "Did you mean" in asked.content.decode()
    chosen = answered(asked.content.decode(), **{"actor-choice-0": envoy["id"]})
    assert editor_client.post(correction, chosen).status_code == 302
    (visitor,) = [a for a in only_development(story)["actors"] if a["role"] == "visitor"]
    assert visitor["id"] == envoy["id"]
    assert visitor["name_as_stated"] == f"Dmitrijev {envoy['tag']}"


def _visit(visitor: str) -> dict[str, Any]:
    """Return a visit development (API input shape) by `visitor`."""
    return {
        "type": "visit",
        "occurred_at": "2025-04-02",
        "summary": "Envoy travels to Washington",
        "source": {"outlet": "Test Wire", "language": "en"},
        "visitor": {"name": visitor},
        "destination": "Washington",
        "status": "under_way",
    }
