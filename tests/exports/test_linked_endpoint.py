"""GET /stories/{story}/export/jsonld and /prov: from the store, replayable, with recorders."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

import pytest
from django.test import Client
from pyld import jsonld as pyld
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from tests.domain.generators import development
from tracker.services.developments import (
    development_correct,
    development_record,
    development_retract,
)
from tracker.services.stories import story_open

pytestmark = pytest.mark.django_db(transaction=True)

API = "/api/v1"
EDITOR = {"kind": "user", "username": "anna", "id": 7}
SDO = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")


@dataclass
class Story:
    """A story of three developments, the first corrected, the second retracted (version 6)."""

    slug: str
    developments: list[UUID]
    correction: UUID
    retraction: UUID


@pytest.fixture
def story() -> Story:
    """Open a story of its own (the store outlives each test), record, correct and retract."""
    slug = f"linked-{uuid4().hex[:10]}"
    story_open(title="Linked data", slug=slug, language="en", recorded_by=EDITOR)
    ids = [
        development_record(
            story=slug, development=development(kind, b, []), recorded_by=EDITOR
        ).event_id
        for b, kind in enumerate(("visit", "statement", "talks"))
    ]
    corrected = development_correct(
        story=slug,
        target=ids[0],
        changes={"status": "completed"},
        reason="Over",
        recorded_by=EDITOR,
    )
    retracted = development_retract(story=slug, target=ids[1], reason="Wrong", recorded_by=EDITOR)
    return Story(slug, ids, corrected.event_id, retracted.event_id)


def export(client: Client, story: Story, name: str, query: str = "") -> bytes:
    """GET an export; check it is served as JSON-LD."""
    response = client.get(f"{API}/stories/{story.slug}/export/{name}{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/ld+json"
    return bytes(response.content)


def schema_graph(body: bytes) -> Graph:
    """Return the RDF of a schema.org export, expanded by pyld."""
    nquads = pyld.to_rdf(json.loads(body), {"format": "application/n-quads"})
    return Graph().parse(data=nquads, format="nt")


def urn(identifier: object) -> URIRef:
    """Return the URN node of an id."""
    return URIRef(f"urn:uuid:{identifier}")


def updates(graph: Graph) -> set[Any]:
    """Return the liveBlogUpdates of the one LiveBlogPosting."""
    (blog,) = graph.subjects(RDF.type, SDO.LiveBlogPosting)
    return set(graph.objects(blog, SDO.liveBlogUpdate))


def test_jsonld_now_and_replayed(client: Client, story: Story) -> None:
    """Now: two updates (the retracted one left out) and two correction notices; at version 3
    (two developments recorded): both updates and no notice yet."""
    now = schema_graph(export(client, story, "jsonld"))
    assert updates(now) == {urn(story.developments[0]), urn(story.developments[2])}
    comments = set(now.subjects(RDF.type, SDO.CorrectionComment))
    assert comments == {urn(story.correction), urn(story.retraction)}
    then = schema_graph(export(client, story, "jsonld", "?version=3"))
    assert updates(then) == {urn(story.developments[0]), urn(story.developments[1])}
    assert set(then.subjects(RDF.type, SDO.CorrectionComment)) == set()


def test_prov_attributes_to_the_recorder_and_replays(client: Client, story: Story) -> None:
    """Every fact is attributed to the editor who recorded it (a prov:Person named anna); the
    correction is a revision, the retraction an invalidation; at version 4, neither yet."""
    graph = Graph().parse(data=export(client, story, "prov"), format="json-ld")
    (editor,) = graph.subjects(RDFS.label, Literal("anna"))
    assert (editor, RDF.type, PROV.Person) in graph
    for event_id in story.developments:
        assert graph.value(urn(event_id), PROV.wasAttributedTo) == editor
    revision = graph.value(None, PROV.wasRevisionOf, urn(story.developments[0]))
    assert revision is not None and graph.value(revision, PROV.wasAttributedTo) == editor
    assert graph.value(urn(story.developments[1]), PROV.wasInvalidatedBy) is not None
    then = Graph().parse(data=export(client, story, "prov", "?version=4"), format="json-ld")
    assert then.value(None, PROV.wasRevisionOf, urn(story.developments[0])) is None
    assert then.value(urn(story.developments[1]), PROV.wasInvalidatedBy) is None
    assert (urn(story.developments[2]), RDF.type, PROV.Entity) in then
