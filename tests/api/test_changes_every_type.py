"""GET /stories/{story}/changes answers for a story holding every development type."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.helpers import get
from tests.api.seeded import seed_every_type
from tracker.domain import DEVELOPMENT_MODELS

pytestmark = pytest.mark.django_db(transaction=True)


def test_changes_list_every_type_with_its_target(client: Client) -> None:
    """Every development type is listed as added; a correction and a retraction name the event
    they change, a sanctions decision the actor it targets, the story changes their kind."""
    seeded = seed_every_type()
    response = get(client, f"/stories/{seeded.slug}/changes")
    assert response.status_code == 200, response.content
    changes = response.json()["changes"]
    added = {change["type"] for change in changes if change["kind"] == "added"}
    assert added == set(DEVELOPMENT_MODELS)
    by_type = {change["type"]: change for change in changes}
    decision = by_type["sanctions_decision"]["target"]
    assert isinstance(decision, dict) and decision["actor_id"] and decision["name_as_stated"]
    corrected = by_type["development_corrected"]
    assert corrected["kind"] == "corrected"
    assert corrected["target"] == str(seeded.developments["figure"])
    assert by_type["development_retracted"]["target"] == str(seeded.developments["denial"])
    assert {"retitled", "status_changed", "opened"} <= {change["kind"] for change in changes}


def test_changes_since_a_version_keep_the_shape(client: Client) -> None:
    """Changes since a version list only the later events, in the same shape."""
    seeded = seed_every_type()
    everything = get(client, f"/stories/{seeded.story}/changes").json()["changes"]
    later = get(client, f"/stories/{seeded.story}/changes?since_version=3").json()["changes"]
    assert later == [change for change in everything if change["version"] > 3]
