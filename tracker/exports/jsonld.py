"""schema.org JSON-LD for publishing pages: the story as a LiveBlogPosting with its updates.

One `@graph` holds the `LiveBlogPosting` (the story: `liveBlogUpdate` is one `BlogPosting`
per development, `correction` one `CorrectionComment` per correction and per retraction,
`about` the actors) and one `ClaimReview` per development that was confirmed, denied or
disputed: its `author` is who confirmed or denied it, `datePublished` when the last of
them did, `isBasedOn` the confirming and denying updates. The `@context` is inline, with
the schema.org vocabulary as `@vocab` and explicit datatypes, so a JSON-LD processor
expands it without fetching anything. Retracted developments are left out of the updates
(`retracted=mark`: shown with `creativeWorkStatus` "retracted"); their retraction notice stays.
"""

from __future__ import annotations

from typing import Any

import orjson

from tracker.domain.state import RETRACTED
from tracker.exports import linked, schemaorg
from tracker.exports.base import ExportInput

SCHEMA = "https://schema.org/"

CONTEXT: dict[str, Any] = {
    "@vocab": SCHEMA,
    "xsd": linked.XSD,
    "url": {"@type": "@id"},
    "sameAs": {"@type": "@id"},
    "datePublished": {"@type": "xsd:dateTime"},
    "dateModified": {"@type": "xsd:dateTime"},
    "coverageStartTime": {"@type": "xsd:dateTime"},
    "coverageEndTime": {"@type": "xsd:dateTime"},
}

#: (ratingValue, label) of a ClaimReview by the confirmation status of its development.
RATINGS = {"confirmed": (5, "Confirmed"), "disputed": (3, "Disputed"), "denied": (1, "Denied")}

#: Roles of the actors who confirm or deny.
RESPONDERS = ("confirmer", "denier")


def render(story: ExportInput) -> bytes:
    """Return the story as schema.org JSON-LD (UTF-8, indented)."""
    return orjson.dumps(graph(story), option=orjson.OPT_INDENT_2)


def graph(story: ExportInput) -> dict[str, Any]:
    """Return the JSON-LD document: the LiveBlogPosting and the ClaimReviews."""
    doc = story.document
    mark = story.options.retracted == "mark"
    shown = [item for item in story.timeline if mark or item["status"] != RETRACTED]
    posting: dict[str, Any] = {
        "@id": linked.iri(doc["id"]),
        "@type": "LiveBlogPosting",
        "identifier": doc["slug"],
        "headline": doc["title"],
        "description": doc["summary"],
        "inLanguage": doc["language"],
        "creativeWorkStatus": doc["status"],
        "version": doc["version"],
        "datePublished": doc["opened_at"],
        "dateModified": last_change(doc),
        "coverageStartTime": doc["opened_at"],
        "about": [schemaorg.actor_node(entry) for entry in doc["actors"]],
        "liveBlogUpdate": [update(item, doc["language"]) for item in shown],
        "correction": corrections(story.timeline),
    }
    if doc["status"] == "concluded":
        posting["coverageEndTime"] = posting["dateModified"]
    reviews = claim_reviews(story.timeline)
    return {"@context": CONTEXT, "@graph": [linked.clean(posting), *reviews]}


def last_change(doc: dict[str, Any]) -> str | None:
    """Return when the story last changed: its opening, a development, a correction."""
    times = [doc["opened_at"]] if doc["opened_at"] else []
    for item in doc["timeline"]:
        times.append(item["recorded_at"])
        times.extend(entry["recorded_at"] for entry in item["history"])
    return max(times, default=None)


def update(item: dict[str, Any], language: str | None) -> dict[str, Any]:
    """Return one development as a BlogPosting of the live blog."""
    summary = item["summary"] or item["type"]
    changed = [entry["recorded_at"] for entry in item["history"]]
    node = {
        "@id": linked.iri(item["event_id"]),
        "@type": "BlogPosting",
        "headline": schemaorg.headline(summary),
        "articleBody": summary,
        "genre": item["type"],
        "creativeWorkStatus": item["status"],
        "inLanguage": language,
        "datePublished": item["recorded_at"],
        "dateModified": max(changed, default=item["recorded_at"]),
        "contentReferenceTime": linked.partial_time(
            item["occurred_at"], item["occurred_precision"]
        ),
        "citation": schemaorg.source_node(item["source"]),
        "mentions": linked.unique(schemaorg.actor_ref(actor) for actor in item["actors"]),
        "correction": [linked.ref(entry["event_id"]) for entry in item["history"]],
    }
    return linked.clean(node)


def corrections(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return a CorrectionComment for each correction and each retraction, oldest first."""
    out = []
    for item in timeline:
        for entry in item["history"]:
            comment = {
                "@id": linked.iri(entry["event_id"]),
                "@type": "CorrectionComment",
                "name": "Retraction" if entry["kind"] == "retraction" else "Correction",
                "text": correction_text(item, entry),
                "datePublished": entry["recorded_at"],
                "parentItem": linked.ref(item["event_id"]),
                "citation": schemaorg.source_node(entry.get("source")),
            }
            out.append(linked.clean(comment))
    out.sort(key=lambda node: node["datePublished"])
    return out


def correction_text(item: dict[str, Any], entry: dict[str, Any]) -> str:
    """Return a correction notice as a reader sees it: what changed, and why."""
    if entry["kind"] == "retraction":
        text = f"Retracted: {item['summary']}"
    else:
        changes = entry.get("changes") or {}
        parts = [
            f"{name}: {schemaorg.shown(change.get('old'))} → {schemaorg.shown(change.get('new'))}"
            for name, change in changes.items()
        ]
        text = "Corrected " + "; ".join(parts) if parts else "Corrected"
    reason = entry.get("reason")
    return f"{text}. Reason: {reason}" if reason else text


def claim_reviews(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return a ClaimReview for each standing development that was confirmed or denied."""
    by_id = {item["event_id"]: item for item in timeline}
    out = []
    for item in timeline:
        confirmation = item["confirmation"]
        rating = RATINGS.get(confirmation["status"])
        if rating is None or item["status"] == RETRACTED:
            continue
        responses = [by_id[e] for e in confirmation["event_ids"] if e in by_id]
        authors = linked.unique(
            schemaorg.actor_ref(actor)
            for response in responses
            for actor in response["actors"]
            if actor["role"] in RESPONDERS
        )
        review = {
            "@id": linked.iri(item["event_id"]) + "#claim-review",
            "@type": "ClaimReview",
            "claimReviewed": item["summary"],
            "itemReviewed": {
                "@id": linked.iri(item["event_id"]) + "#claim",
                "@type": "Claim",
                "appearance": linked.ref(item["event_id"]),
            },
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": rating[0],
                "bestRating": 5,
                "worstRating": 1,
                "alternateName": rating[1],
                "ratingExplanation": "; ".join(_response_line(r) for r in responses),
            },
            "author": authors,
            "datePublished": max(r["recorded_at"] for r in responses) if responses else None,
            "isBasedOn": [linked.ref(r["event_id"]) for r in responses],
        }
        out.append(linked.clean(review))
    return out


def _response_line(response: dict[str, Any]) -> str:
    """Return "confirmation by Donald Trump (2025-04)": who responded, and when."""
    names = [
        actor.get("name") or actor.get("name_as_stated")
        for actor in response["actors"]
        if actor["role"] in RESPONDERS
    ]
    who = ", ".join(str(name) for name in names if name) or "unnamed"
    when = linked.partial_time(response["occurred_at"], response["occurred_precision"])
    moment = when["@value"] if when else response["reported_at"] or response["recorded_at"]
    return f"{response['type']} by {who} ({moment})"
