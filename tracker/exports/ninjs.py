"""IPTC ninjs 2.1: the story as a composite item, each development as an associated item.

Items are named `urn:uuid:` + the story or event id. A development's `version` counts its
recorded changes (1, then one more per correction or retraction) and `versioncreated` is the
last of them; a retracted development is `pubstatus: canceled`. People, organisations
(countries too: they act as states) and places come from the actors, `rel` = the role and
`literal` = the name as the source stated it. Every document validates against the official
schema kept beside this module (`schemas/ninjs-schema_2.1.json`).
"""

from __future__ import annotations

from typing import Any

import orjson

from tracker.exports.base import ExportInput
from tracker.exports.common import display_date, source_of, type_label, web_url, when

SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"
STANDARD = {"name": "ninjs", "version": "2.1", "schema": SCHEMA_URI}
#: Actor kind -> the ninjs list it goes to.
_LISTS = {"person": "people", "organization": "organisations", "country": "organisations",
          "place": "places"}  # fmt: skip


def render(story: ExportInput) -> bytes:
    """Return the story as one ninjs document with its developments as associations."""
    return orjson.dumps(story_item(story))


def story_item(story: ExportInput) -> dict[str, Any]:
    """Return the story as a ninjs item (every development included, retracted ones canceled)."""
    document = story.document
    known = {entry["id"]: entry for entry in document["actors"]}
    last = max((event.recorded_at for event in story.events), default=None)
    item: dict[str, Any] = {
        "uri": f"urn:uuid:{document['id']}",
        "standard": STANDARD,
        "type": "composite",
        "representationtype": "full",
        "profile": "tracker-story",
        "version": str(document["version"]),
        "firstcreated": document.get("opened_at"),
        "versioncreated": last.isoformat().replace("+00:00", "Z") if last else None,
        "pubstatus": "usable",
        "language": document.get("language"),
        "slugline": document.get("slug"),
        "title": document.get("title"),
        "headlines": _values(document.get("title")),
        "descriptions": _values(document.get("summary"), role="summary"),
        "associations": [
            development_item(dev, known, document.get("language"), number)
            for number, dev in enumerate(story.timeline, start=1)
        ],
    }
    actors = [dict(actor, role=role) for actor in document["actors"] for role in actor["roles"]]
    item |= _actor_lists(actors, known)
    return _clean(item)


def development_item(
    dev: dict[str, Any], known: dict[str, dict[str, Any]], language: str | None, number: int
) -> dict[str, Any]:
    """Return one development as an associated ninjs item."""
    source = source_of(dev)
    history = dev.get("history") or []
    placed = when(dev)
    item: dict[str, Any] = {
        "name": f"development-{number}",
        "uri": f"urn:uuid:{dev['event_id']}",
        "type": "text",
        "representationtype": "full",
        "profile": f"tracker-development-{dev['type']}",
        "version": str(1 + len(history)),
        "firstcreated": dev["recorded_at"],
        "versioncreated": history[-1]["recorded_at"] if history else dev["recorded_at"],
        "contentcreated": source.get("published_at") or dev.get("reported_at"),
        "pubstatus": "canceled" if dev["status"] == "retracted" else "usable",
        "language": source.get("language") or language,
        "title": f"{type_label(dev['type'])}, {display_date(placed.moment, placed.precision)}",
        "headlines": _values(dev.get("summary")),
        "bodies": _values(source.get("quote"), role="quote", contenttype="text/plain")
        + _values(source.get("quote_translation"), role="translation", contenttype="text/plain"),
        "subjects": _codes(dev),
        "infosources": _infosources(source),
        "altids": [{"role": "event_id", "value": dev["event_id"]}],
        "ednote": _ednote(history),
    }
    item |= _actor_lists(dev.get("actors") or [], known)
    return _clean(item)


def _actor_lists(actors: list[dict[str, Any]], known: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Return people, organisations and places from actors, each with rel and literal."""
    out: dict[str, list[dict[str, Any]]] = {}
    for actor in actors:
        entry_of = known.get(actor.get("id") or "") or {}
        kind, wikidata = entry_of.get("kind") or "person", entry_of.get("wikidata")
        entry = {
            "name": actor.get("name") or actor.get("name_as_stated"),
            "rel": actor.get("role"),
            "uri": _actor_uri(actor.get("id"), wikidata),
            "literal": actor.get("name_as_stated") or None,
        }
        target = out.setdefault(_LISTS.get(kind, "people"), [])
        entry = {key: value for key, value in entry.items() if value}
        if entry and entry not in target:
            target.append(entry)
    return out


def _actor_uri(actor_id: str | None, wikidata: str | None) -> str | None:
    """Return the actor's Wikidata entity URI when known, else its urn:uuid."""
    if wikidata:
        return f"http://www.wikidata.org/entity/{wikidata}"
    return f"urn:uuid:{actor_id}" if actor_id else None


def _codes(dev: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the CAMEO and PLOVER codes of a development as subjects."""
    subjects = []
    if dev.get("cameo"):
        subjects.append({"name": f"CAMEO {dev['cameo']}", "literal": str(dev["cameo"])})
    plover = dev.get("plover")
    if isinstance(plover, dict) and plover.get("event"):
        subjects.append({"name": f"PLOVER {plover['event']}", "literal": str(plover["event"])})
    return subjects


def _infosources(source: dict[str, Any]) -> list[dict[str, Any]]:
    if not source.get("outlet"):
        return []
    entry = {"name": source["outlet"], "role": "source", "uri": web_url(source.get("url"))}
    return [{key: value for key, value in entry.items() if value}]


def _ednote(history: list[dict[str, Any]]) -> str | None:
    """Return a note for the receiving desk: each correction and retraction with its reason."""
    notes = [
        f"{entry['kind'].capitalize()} {entry['recorded_at']}"
        + (f": {entry['reason']}" if entry.get("reason") else "")
        for entry in history
    ]
    return "; ".join(notes) or None


def _values(text: Any, **qualifiers: str) -> list[dict[str, Any]]:
    return [{**qualifiers, "value": str(text)}] if text else []


def _clean(item: dict[str, Any]) -> dict[str, Any]:
    """Return the item without empty properties (ninjs has no nulls)."""
    return {key: value for key, value in item.items() if value not in (None, [], "")}
