"""Recording a development in the browser form: valid input, invalid input, a stale version."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.backoffice.helpers import (
    error_text,
    only_development,
    record,
    statement,
    version_of,
    visit_form,
)
from tracker.bootstrap import event_store
from tracker.domain import DEVELOPMENT_TYPES
from tracker.services.selectors import story_events

pytestmark = pytest.mark.django_db(transaction=True)


def url(story: str, type_name: str = "visit") -> str:
    """Return the record form's address."""
    return f"/admin/newsroom/stories/{story}/record/{type_name}/"


@pytest.mark.parametrize("type_name", DEVELOPMENT_TYPES)
def test_every_type_has_a_form_built_from_its_schema(
    editor_client: Client, story: str, type_name: str
) -> None:
    """Each type's form has its own fields, the source's fields and the version seen."""
    page = editor_client.get(url(story, type_name)).content.decode()
    assert 'name="expected_version" value="1"' in page
    for name in ("summary", "occurred_at", "source.outlet", "source.quote_translation"):
        assert f'name="{name}"' in page
    own = {"visit": "destination", "figure": "unit", "confirmation": "confirms"}
    if type_name in own:
        assert f'name="{own[type_name]}"' in page


def test_a_valid_visit_is_recorded_with_who_recorded_it(
    editor_client: Client, editor: object, story: str
) -> None:
    """Saving appends through the services, keeps the precision, and names the editor."""
    response = editor_client.post(url(story), visit_form(1, hosts="USA; Vereinigte Staaten"))
    assert response.status_code == 302 and "#dev-" in response["Location"]
    view = only_development(story)
    assert view["type"] == "visit" and view["data"]["destination"] == "Washington"
    assert view["occurred_precision"] == "month"
    assert view["source"]["quote"] == "The envoy arrived."
    last = story_events(story=story)["items"][-1]
    assert last["metadata"]["recorded_by"]["username"] == editor.username  # type: ignore[attr-defined]
    assert last["metadata"]["recorded_by"]["kind"] == "user"


def test_invalid_input_shows_the_domain_messages_and_stores_nothing(
    editor_client: Client, story: str
) -> None:
    """Missing and malformed fields are refused by the domain; its words show by each field."""
    before = event_store().last_position()
    body = visit_form(1, destination="", occurred_at="yesterday", **{"source.url": "ftp:/x"})
    response = editor_client.post(url(story), body)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Nothing was stored" in page
    assert error_text(page, "destination").startswith("is required")
    assert "is not a time" in error_text(page, "occurred_at")
    assert "is not a web address" in error_text(page, "source.url")
    assert 'value="Envoy travels to Washington"' in page  # the input is kept
    assert event_store().last_position() == before and version_of(story) == 1


def test_a_stale_version_is_a_conflict_explained(editor_client: Client, story: str) -> None:
    """A second editor saving on an old version sees who changed what, keeps their input."""
    form = visit_form(1, summary="My careful summary")
    record(story, statement("Meanwhile, a statement"), username="quick-colleague")
    response = editor_client.post(url(story), form)
    assert response.status_code == 409
    page = response.content.decode()
    assert "you saw version <strong>1</strong>" in page.replace("You saw", "you saw")
    assert 'class="current-version">2<' in page
    assert "quick-colleague" in page and "Meanwhile, a statement" in page
    assert 'value="My careful summary"' in page
    assert 'name="expected_version" value="2"' in page  # aimed at the current version now
    assert version_of(story) == 2
    again = editor_client.post(url(story), {**form, "expected_version": "2"})
    assert again.status_code == 302 and version_of(story) == 3


def test_a_double_submit_stores_once(editor_client: Client, story: str) -> None:
    """The form's idempotency key makes a repeated POST answer the first result."""
    form = visit_form(1)
    assert editor_client.post(url(story), form).status_code == 302
    assert editor_client.post(url(story), form).status_code in (302, 409)
    assert version_of(story) == 2


def test_an_unknown_type_is_404(editor_client: Client, story: str) -> None:
    """Only the vocabulary's types have forms."""
    assert editor_client.get(url(story, "coup")).status_code == 404
