"""W3C PROV-O provenance of a story as JSON-LD: every fact, where it came from, who recorded it.

- The story is a `prov:Collection`; its members (`prov:hadMember`) are the facts it holds
  now: each standing development as last corrected.
- A development as first recorded is a `prov:Entity` named by its event id; each correction
  makes a new entity (`<development>#corrected-by-<correction>`) that `prov:wasRevisionOf`
  the one before. Each entity `prov:wasDerivedFrom` the source it was reported from (or the
  correction's source), `prov:wasAttributedTo` whoever recorded it (the event's
  `recorded_by`), `prov:wasGeneratedBy` its recording activity, at `prov:generatedAtTime`
  (when the store recorded it); `prov:value` is its data as JSON, `dcterms:date` when it
  happened, as precisely as known.
- A retraction is a `prov:Activity` that invalidates the development's last entity
  (`prov:wasInvalidatedBy`, `prov:invalidatedAtTime`).
- Sources are entities generated when they were published; recorders are agents
  (`prov:Person` for a user, `prov:SoftwareAgent` for the system, `prov:Agent` otherwise).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from tracker.domain import RecordedEvent
from tracker.domain.state import RETRACTED
from tracker.exports import linked, revisions
from tracker.exports.base import ExportInput

PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"

CONTEXT = {
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": linked.XSD,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
}

#: PROV type of whoever recorded an event, by the `kind` of its `recorded_by`.
AGENT_TYPES = {"user": "prov:Person", "system": "prov:SoftwareAgent"}


def render(story: ExportInput) -> bytes:
    """Return the story's provenance as PROV-O JSON-LD (UTF-8, indented)."""
    return orjson.dumps(graph(story), option=orjson.OPT_INDENT_2)


def graph(story: ExportInput) -> dict[str, Any]:
    """Return the JSON-LD document: the story, its facts, activities, sources and agents."""
    nodes = _Nodes({str(e.event_id): e for e in story.events})
    doc = story.document
    members = []
    for item in story.timeline:
        last = nodes.development(item)
        if item["status"] != RETRACTED:
            members.append({"@id": last})
    opened = doc["lifecycle"][0]["event_id"] if doc["lifecycle"] else None
    collection = {
        "@id": linked.iri(doc["id"]),
        "@type": ["prov:Collection", "prov:Entity"],
        "rdfs:label": doc["title"],
        "prov:hadMember": members,
        "prov:generatedAtTime": _time(doc["opened_at"]),
        "prov:wasAttributedTo": nodes.attributed(opened),
    }
    return {"@context": CONTEXT, "@graph": [linked.clean(collection), *nodes.out.values()]}


class _Nodes:
    """The nodes of the graph by id: each agent and source once, however often it appears."""

    def __init__(self, events: Mapping[str, RecordedEvent]) -> None:
        self.events = events
        self.out: dict[str, dict[str, Any]] = {}

    def development(self, item: dict[str, Any]) -> str:
        """Add a development's entities (first as recorded, then each revision); return the last."""
        data = revisions.as_recorded(item)
        previous = None
        first = entity_id = linked.iri(item["event_id"])
        self._fact(entity_id, item, item, data, None)
        for entry in item["history"]:
            if entry["kind"] == "retraction":
                self._retraction(entity_id, entry)
                continue
            data = revisions.apply_changes(data, entry.get("changes") or {})
            previous, entity_id = entity_id, f"{first}#corrected-by-{entry['event_id']}"
            self._fact(entity_id, item, entry, data, previous)
        return entity_id

    def _fact(
        self,
        entity_id: str,
        item: dict[str, Any],
        made: dict[str, Any],
        data: dict[str, Any],
        previous: str | None,
    ) -> None:
        """Add one fact: its value, its source, its recording, its revision of `previous`.

        `made` is what made it: the development's timeline item, or a correction's history entry.
        """
        event_id = made["event_id"]
        label = "correction" if previous else f"record {item['type']}"
        activity = self.activity(event_id, made["recorded_at"], label)
        self.out[entity_id] = linked.clean(
            {
                "@id": entity_id,
                "@type": "prov:Entity",
                "rdfs:label": data.get("summary"),
                "dcterms:type": item["type"],
                "dcterms:date": linked.partial_time(*revisions.occurred(data.get("occurred_at"))),
                "prov:value": {"@value": _json(data), "@type": f"{RDF}JSON"},
                "prov:wasDerivedFrom": self.source(made.get("source")),
                "prov:wasRevisionOf": {"@id": previous} if previous else None,
                "prov:wasGeneratedBy": {"@id": activity},
                "prov:generatedAtTime": _time(made["recorded_at"]),
                "prov:wasAttributedTo": self.attributed(event_id),
            }
        )

    def _retraction(self, entity_id: str, entry: dict[str, Any]) -> None:
        """Invalidate the development's last entity by the retraction's activity."""
        activity = self.activity(
            entry["event_id"], entry["recorded_at"], "retraction", entry.get("reason")
        )
        used = self.source(entry.get("source"))
        if used is not None:
            self.out[activity]["prov:used"] = used
        self.out[entity_id]["prov:wasInvalidatedBy"] = {"@id": activity}
        self.out[entity_id]["prov:invalidatedAtTime"] = _time(entry["recorded_at"])

    def activity(
        self, event_id: str, recorded_at: str, label: str, comment: str | None = None
    ) -> str:
        """Add the activity of recording an event (when, by whom); return its id."""
        activity_id = f"{linked.iri(event_id)}#activity"
        moment = _time(recorded_at)
        self.out[activity_id] = linked.clean(
            {
                "@id": activity_id,
                "@type": "prov:Activity",
                "rdfs:label": label,
                "rdfs:comment": comment,
                "prov:startedAtTime": moment,
                "prov:endedAtTime": moment,
                "prov:wasAssociatedWith": self.attributed(event_id),
            }
        )
        return activity_id

    def attributed(self, event_id: str | None) -> dict[str, str] | None:
        """Add the agent who recorded an event; return a reference to it, or None."""
        event = self.events.get(event_id or "")
        found = linked.recorder(event.metadata) if event is not None else None
        if found is None:
            return None
        agent_id, kind, name = found
        self.out.setdefault(
            agent_id,
            {
                "@id": agent_id,
                "@type": [AGENT_TYPES.get(kind, "prov:Agent"), "prov:Agent"],
                "rdfs:label": name,
                "dcterms:type": kind,
            },
        )
        return {"@id": agent_id}

    def source(self, source: Any) -> dict[str, str] | None:
        """Add a report's source as an entity; return a reference to it, or None."""
        fields = linked.source_fields(source)
        if fields is None:
            return None
        source_id = linked.source_iri(fields)
        address = linked.web_address(fields.get("url"))
        self.out.setdefault(
            source_id,
            linked.clean(
                {
                    "@id": source_id,
                    "@type": "prov:Entity",
                    "rdfs:label": fields.get("outlet"),
                    "dcterms:publisher": fields.get("outlet"),
                    "dcterms:language": fields.get("language"),
                    "schema:url": {"@id": address} if address else None,
                    "schema:text": fields.get("quote"),
                    "prov:generatedAtTime": _time(fields.get("published_at")),
                }
            ),
        )
        return {"@id": source_id}


def _time(text: str | None) -> dict[str, str] | None:
    """Return an xsd:dateTime value, or None."""
    return linked.date_time(text) if text else None


def _json(data: Mapping[str, Any]) -> str:
    """Return data as canonical JSON text (keys sorted)."""
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode()
