"""schema.org nodes of what a story names: its actors and its sources, and texts as shown."""

from __future__ import annotations

from typing import Any

import orjson

from tracker.exports import linked

#: schema.org type of an actor by its kind.
ACTOR_TYPES = {
    "person": "Person",
    "organization": "Organization",
    "country": "Country",
    "place": "Place",
}

HEADLINE_LENGTH = 110


def actor_node(entry: dict[str, Any]) -> dict[str, Any]:
    """Return an actor of the story: its type, name, other names and Wikidata page."""
    names = [alias["name"] for alias in entry.get("aliases") or [] if alias.get("name")]
    node = {
        "@id": linked.iri(entry["id"]),
        "@type": ACTOR_TYPES.get(entry.get("kind") or "", "Thing"),
        "name": entry["name"],
        "alternateName": names,
        "sameAs": linked.wikidata(entry.get("wikidata")),
    }
    return linked.clean(node)


def actor_ref(actor: dict[str, Any]) -> dict[str, Any]:
    """Return an actor a development names: a reference with its name, or the name as stated."""
    if actor.get("id"):
        return {"@id": linked.iri(actor["id"]), "name": actor.get("name")}
    return {"@type": "Thing", "name": actor.get("name_as_stated") or "unnamed"}


def source_node(source: Any) -> dict[str, Any] | None:
    """Return a report's source as a CreativeWork of its outlet, or None without one."""
    fields = linked.source_fields(source)
    if fields is None:
        return None
    node = {
        "@id": linked.source_iri(fields),
        "@type": "CreativeWork",
        "publisher": {"@type": "Organization", "name": fields.get("outlet")},
        "url": linked.web_address(fields.get("url")),
        "inLanguage": fields.get("language"),
        "datePublished": fields.get("published_at"),
        "text": fields.get("quote"),
    }
    return linked.clean(node)


def headline(summary: str) -> str:
    """Return a summary cut to a headline's length, with an ellipsis when cut."""
    if len(summary) <= HEADLINE_LENGTH:
        return summary
    return summary[: HEADLINE_LENGTH - 1].rstrip() + "…"


def shown(value: Any) -> str:
    """Return a field's value as a correction notice shows it."""
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    return orjson.dumps(value).decode()
