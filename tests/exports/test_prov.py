"""W3C PROV-O provenance: parsed with rdflib's JSON-LD parser, the claimed triples checked."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import rdflib.namespace as namespaces
from hypothesis import HealthCheck, given, settings
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from tests.domain.generators import commands
from tests.exports.amended import EDITOR, LOADER, REUTERS, amended_sample, export_of, generated
from tracker.domain.state import RETRACTED
from tracker.exports import linked, prov
from tracker.exports.base import ExportInput

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROV = Namespace("http://www.w3.org/ns/prov#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
#: Every term PROV-O defines (rdflib ships the ontology; `in` tells a term apart).
DEFINED: Any = namespaces.PROV


def graph_of(story: ExportInput) -> Graph:
    """Return the export parsed by rdflib's JSON-LD parser."""
    return Graph().parse(data=prov.render(story), format="json-ld")


def urn(identifier: object) -> URIRef:
    """Return the URN node of an id."""
    return URIRef(f"urn:uuid:{identifier}")


def at(graph: Graph, node: Any, predicate: URIRef) -> datetime:
    """Return a time property of a node as a datetime."""
    value = graph.value(node, predicate)
    assert isinstance(value, Literal), (node, predicate)
    moment = value.toPython()
    assert isinstance(moment, datetime)
    return moment


def agent(graph: Graph, who: dict[str, Any]) -> URIRef:
    """Return the agent node of a recorder, checking it is one."""
    found = linked.recorder({"recorded_by": who})
    assert found is not None
    node = URIRef(found[0])
    assert (node, RDF.type, PROV.Agent) in graph
    return node


def last_entity(graph: Graph, development: URIRef) -> Any:
    """Return the newest revision of a development's entity (follow wasRevisionOf backwards)."""
    current: Any = development
    while (newer := graph.value(None, PROV.wasRevisionOf, current)) is not None:
        current = newer
    return current


def test_only_prov_o_terms_are_used() -> None:
    """Every prov: property and class of the amended sample's graph is defined by PROV-O."""
    store, story_id, _ = amended_sample()
    graph = graph_of(export_of(store, story_id))
    used = {p for p in graph.predicates()} | set(graph.objects(None, RDF.type))
    made_up = [t for t in used if str(t).startswith(str(PROV)) and t not in DEFINED]
    assert made_up == []


def test_every_development_is_an_entity_derived_from_its_source_and_attributed() -> None:
    """Each development is a prov:Entity derived from its source (Der Spiegel, published at
    its time), attributed to the loader that recorded it, generated when it was recorded."""
    store, story_id, _ = amended_sample()
    story = export_of(store, story_id)
    graph = graph_of(story)
    loader = agent(graph, LOADER)
    assert (loader, RDF.type, PROV.SoftwareAgent) in graph
    events = {str(e.event_id): e for e in story.events}
    for item in story.timeline:
        node = urn(item["event_id"])
        assert (node, RDF.type, PROV.Entity) in graph
        assert graph.value(node, PROV.wasAttributedTo) == loader
        assert at(graph, node, PROV.generatedAtTime) == events[item["event_id"]].recorded_at
        source = graph.value(node, PROV.wasDerivedFrom)
        assert graph.value(source, RDFS.label) == Literal(item["source"]["outlet"])
        assert (source, RDF.type, PROV.Entity) in graph
        value = json.loads(str(graph.value(node, PROV.value)))
        assert value == dict(events[item["event_id"]].data)  # as first recorded


def test_a_correction_is_a_revision_derived_from_its_own_source() -> None:
    """The corrected visit: a new entity, wasRevisionOf the first, derived from Reuters,
    attributed to the editor, generated when the correction was recorded, holding the
    corrected data; the story's members are the newest revisions."""
    store, story_id, ids = amended_sample()
    story = export_of(store, story_id)
    graph = graph_of(story)
    first = urn(ids["visit"])
    revision = graph.value(None, PROV.wasRevisionOf, first)
    assert revision is not None and last_entity(graph, first) == revision
    assert graph.value(revision, PROV.wasAttributedTo) == agent(graph, EDITOR)
    assert (agent(graph, EDITOR), RDF.type, PROV.Person) in graph
    source = graph.value(revision, PROV.wasDerivedFrom)
    assert graph.value(source, RDFS.label) == Literal(REUTERS["outlet"])
    correction = next(e for e in story.events if e.event_id == ids["correction"])
    assert at(graph, revision, PROV.generatedAtTime) == correction.recorded_at
    (visit,) = [item for item in story.timeline if item["event_id"] == str(ids["visit"])]
    assert json.loads(str(graph.value(revision, PROV.value))) == visit["data"]
    assert json.loads(str(graph.value(first, PROV.value)))["status"] == "under_way"
    members = set(graph.objects(urn(story_id), PROV.hadMember))
    assert revision in members and first not in members


def test_a_retraction_invalidates_the_development_at_its_time() -> None:
    """The retracted statement was invalidated by the retraction's activity, at the time the
    retraction was recorded, by the editor; it is no member of the story any more."""
    store, story_id, ids = amended_sample()
    story = export_of(store, story_id)
    graph = graph_of(story)
    statement = urn(ids["dmitrijew_gradual"])
    activity = graph.value(statement, PROV.wasInvalidatedBy)
    assert (activity, RDF.type, PROV.Activity) in graph
    assert graph.value(activity, PROV.wasAssociatedWith) == agent(graph, EDITOR)
    retraction = next(e for e in story.events if e.event_id == ids["retraction"])
    assert at(graph, statement, PROV.invalidatedAtTime) == retraction.recorded_at
    assert statement not in set(graph.objects(urn(story_id), PROV.hadMember))


@SETTINGS
@given(commands)
def test_generated_stories_have_a_revision_chain_per_development(steps: Any) -> None:
    """For any generated story: one entity per development plus one per correction, chained
    by wasRevisionOf; the newest holds the current data, the first the recorded data; a
    retracted one is invalidated at its retraction's time; members are the standing ones."""
    store, story_id = generated(steps)
    story = export_of(store, story_id)
    graph = graph_of(story)
    events = {str(e.event_id): e for e in story.events}
    members = set()
    for item in story.timeline:
        first = urn(item["event_id"])
        chain: list[Any] = [first]
        while (newer := graph.value(None, PROV.wasRevisionOf, chain[-1])) is not None:
            chain.append(newer)
        corrections = [h for h in item["history"] if h["kind"] == "correction"]
        assert len(chain) == 1 + len(corrections)
        assert json.loads(str(graph.value(chain[-1], PROV.value))) == item["data"]
        assert json.loads(str(graph.value(first, PROV.value))) == dict(
            events[item["event_id"]].data
        )
        retractions = [h for h in item["history"] if h["kind"] == "retraction"]
        if item["status"] == RETRACTED:
            (retraction,) = retractions
            moment = events[retraction["event_id"]].recorded_at
            assert at(graph, chain[-1], PROV.invalidatedAtTime) == moment
        else:
            assert not retractions and graph.value(chain[-1], PROV.wasInvalidatedBy) is None
            members.add(chain[-1])
    assert set(graph.objects(urn(story_id), PROV.hadMember)) == members
