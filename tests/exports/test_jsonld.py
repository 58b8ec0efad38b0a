"""schema.org JSON-LD: expanded by a JSON-LD processor (pyld), its triples read with rdflib."""

from __future__ import annotations

import json
from typing import Any

import rdflib.namespace as namespaces
from hypothesis import HealthCheck, given, settings
from pyld import jsonld as pyld
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from tests.domain.generators import commands
from tests.exports.amended import amended_sample, export_of, generated
from tests.exports.support import sample_input
from tracker.domain.state import RETRACTED
from tracker.exports import jsonld
from tracker.exports.base import ExportInput, ExportOptions

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REVIEWED = {"confirmed", "denied", "disputed"}
SDO = Namespace("https://schema.org/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
#: Every term schema.org defines (rdflib ships the vocabulary; `in` tells a term apart).
DEFINED: Any = namespaces.SDO


def expanded(story: ExportInput) -> list[dict[str, Any]]:
    """Return the export expanded by pyld: every term an absolute IRI, no remote context."""
    document = json.loads(jsonld.render(story))
    result: list[dict[str, Any]] = pyld.expand(document)
    return result


def graph_of(story: ExportInput) -> Graph:
    """Return the export's RDF graph, as pyld turns it into N-Quads, parsed by rdflib."""
    document = json.loads(jsonld.render(story))
    nquads = pyld.to_rdf(document, {"format": "application/n-quads"})
    return Graph().parse(data=nquads, format="nt")  # one graph: N-Quads lines are N-Triples


def urn(identifier: object) -> URIRef:
    """Return the URN node of an id."""
    return URIRef(f"urn:uuid:{identifier}")


def of_type(graph: Graph, kind: URIRef) -> set[Any]:
    """Return the subjects of one rdf:type."""
    return set(graph.subjects(RDF.type, kind))


def schema_terms_only(graph: Graph) -> list[str]:
    """Return every predicate and type of the graph that schema.org does not define."""
    used = {p for p in graph.predicates() if p != RDF.type} | set(graph.objects(None, RDF.type))
    return sorted(str(term) for term in used if term not in DEFINED)


def test_the_sample_expands_to_schema_org_terms_only() -> None:
    """Expanded, every property and type is a schema.org term that exists (none made up)."""
    nodes = expanded(sample_input())
    assert nodes and all(key.startswith(("@", "https://schema.org/")) for n in nodes for key in n)
    assert schema_terms_only(graph_of(sample_input())) == []


def test_the_sample_is_a_live_blog_with_one_update_per_development() -> None:
    """The story is a LiveBlogPosting whose liveBlogUpdates are its ten developments."""
    story = sample_input()
    graph = graph_of(story)
    (blog,) = of_type(graph, SDO.LiveBlogPosting)
    assert blog == urn(story.state.id)
    updates = set(graph.objects(blog, SDO.liveBlogUpdate))
    assert updates == {urn(item["event_id"]) for item in story.timeline}
    assert len(updates) == 10
    assert (blog, SDO.headline, Literal(story.state.title)) in graph
    assert all((u, RDF.type, SDO.BlogPosting) in graph for u in updates)


def test_updates_carry_their_source_and_when_it_happened_as_precisely_as_known() -> None:
    """The visit (2 April, a day) has contentReferenceTime 2025-04-02 as xsd:date; the 2021
    trade figure a gYear; each update cites its outlet as publisher."""
    story = sample_input()
    graph = graph_of(story)
    times = {item["type"] + (item["data"].get("period") or ""): item for item in story.timeline}
    visit = urn(times["visit"]["event_id"])
    assert graph.value(visit, SDO.contentReferenceTime) == Literal("2025-04-02", datatype=XSD.date)
    trade = urn(times["figure2021"]["event_id"])
    assert graph.value(trade, SDO.contentReferenceTime) == Literal("2021", datatype=XSD.gYear)
    citation = graph.value(visit, SDO.citation)
    publisher = graph.value(citation, SDO.publisher)
    assert graph.value(publisher, SDO.name) == Literal("Der Spiegel")


def test_confirmed_development_has_a_claim_review_by_who_confirmed_and_when() -> None:
    """Trump confirmed the visit: its ClaimReview names him as author, is dated when the
    confirmation was recorded and is based on the confirmation."""
    story = sample_input()
    graph = graph_of(story)
    (visit,) = [item for item in story.timeline if item["type"] == "visit"]
    (review,) = of_type(graph, SDO.ClaimReview)
    claim = graph.value(review, SDO.itemReviewed)
    assert graph.value(claim, SDO.appearance) == urn(visit["event_id"])
    (confirmation_id,) = visit["confirmation"]["event_ids"]
    confirmation = next(i for i in story.timeline if i["event_id"] == confirmation_id)
    trump = next(a for a in confirmation["actors"] if a["role"] == "confirmer")
    assert set(graph.objects(review, SDO.author)) == {urn(trump["id"])}
    assert (
        graph.value(review, SDO.datePublished)
        .toPython()
        .isoformat()
        .startswith(confirmation["recorded_at"][:19])
    )
    assert set(graph.objects(review, SDO.isBasedOn)) == {urn(confirmation_id)}
    rating = graph.value(review, SDO.reviewRating)
    assert graph.value(rating, SDO.alternateName) == Literal("Confirmed")


def test_corrections_and_retractions_are_correction_comments_and_retracted_updates_left_out() -> (
    None
):
    """The corrected visit links its CorrectionComment (what changed, why); the retracted
    statement is no update, its retraction notice stays; denied and disputed get reviews."""
    store, story_id, ids = amended_sample()
    story = export_of(store, story_id)
    graph = graph_of(story)
    (blog,) = of_type(graph, SDO.LiveBlogPosting)
    updates = set(graph.objects(blog, SDO.liveBlogUpdate))
    assert urn(ids["dmitrijew_gradual"]) not in updates and urn(ids["visit"]) in updates
    comments = of_type(graph, SDO.CorrectionComment)
    assert comments == {urn(ids["correction"]), urn(ids["retraction"])}
    assert set(graph.objects(blog, SDO.correction)) == comments
    assert (urn(ids["visit"]), SDO.correction, urn(ids["correction"])) in graph
    text = str(graph.value(urn(ids["correction"]), SDO.text))
    assert "status: under_way → completed" in text and "The visit ended on 3 April" in text
    assert graph.value(urn(ids["retraction"]), SDO.parentItem) == urn(ids["dmitrijew_gradual"])
    ratings = {
        str(graph.value(graph.value(r, SDO.itemReviewed), SDO.appearance)): str(
            graph.value(graph.value(r, SDO.reviewRating), SDO.alternateName)
        )
        for r in of_type(graph, SDO.ClaimReview)
    }
    assert ratings == {
        str(urn(ids["visit"])): "Disputed",
        str(urn(ids["economic_talks"])): "Denied",
    }


def test_marking_retracted_keeps_the_update_with_its_status() -> None:
    """With retracted=mark the retracted statement is an update whose status says so."""
    store, story_id, ids = amended_sample()
    graph = graph_of(export_of(store, story_id, ExportOptions(retracted="mark")))
    statement = urn(ids["dmitrijew_gradual"])
    assert (None, SDO.liveBlogUpdate, statement) in graph
    assert graph.value(statement, SDO.creativeWorkStatus) == Literal("retracted")


@SETTINGS
@given(commands)
def test_generated_stories_expand_with_an_update_per_standing_development(steps: Any) -> None:
    """For any generated story: schema.org terms only; one update per standing development,
    one CorrectionComment per correction or retraction, one ClaimReview per development that
    was confirmed, denied or disputed, authored by every confirmer and denier."""
    store, story_id = generated(steps)
    story = export_of(store, story_id)
    graph = graph_of(story)
    assert schema_terms_only(graph) == []
    (blog,) = of_type(graph, SDO.LiveBlogPosting)
    standing = [item for item in story.timeline if item["status"] != RETRACTED]
    assert set(graph.objects(blog, SDO.liveBlogUpdate)) == {
        urn(item["event_id"]) for item in standing
    }
    history = {entry["event_id"] for item in story.timeline for entry in item["history"]}
    assert of_type(graph, SDO.CorrectionComment) == {urn(e) for e in history}
    reviewed = [item for item in standing if item["confirmation"]["status"] in REVIEWED]
    reviews = of_type(graph, SDO.ClaimReview)
    assert len(reviews) == len(reviewed)
    by_id = {item["event_id"]: item for item in story.timeline}
    for item in reviewed:
        (review,) = [r for r in reviews if str(r).startswith(str(urn(item["event_id"])))]
        responders = {
            urn(actor["id"])
            for response_id in item["confirmation"]["event_ids"]
            for actor in by_id[response_id]["actors"]
            if actor["role"] in ("confirmer", "denier") and actor.get("id")
        }
        assert set(graph.objects(review, SDO.author)) == responders
