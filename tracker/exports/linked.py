"""Shared pieces of the linked-data exports (schema.org and PROV-O): IRIs, typed times, agents.

Every node is named by a URN that needs no host: a story, development, correction or
retraction by its id (`urn:uuid:...`); an actor by its actor id; whoever recorded an event
and a report's source by a UUID derived from what names them, so the same recorder or the
same source is one node wherever it appears.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID, uuid5

XSD = "http://www.w3.org/2001/XMLSchema#"

#: Namespace of the UUIDs that name recorders and sources; never change it (ids are published).
NAMES = UUID("0d3b6f7e-58a4-5f0c-9b1e-7c2a4e6d8f10")

#: An http(s) address with none of the characters an IRI may not hold.
_WEB = re.compile(r'^https?://[^\s<>"{}|\\^`]+$')

#: XSD datatype of a partial time by its precision.
_PARTIAL_TYPES = {"year": "gYear", "month": "gYearMonth", "day": "date", "exact": "dateTime"}


def iri(identifier: object) -> str:
    """Return the URN of an id (a UUID or its text): `urn:uuid:...`."""
    return f"urn:uuid:{identifier}"


def ref(identifier: object) -> dict[str, str]:
    """Return a JSON-LD node reference to the URN of an id."""
    return {"@id": iri(identifier)}


def derived_iri(kind: str, key: Mapping[str, Any]) -> str:
    """Return the URN of a node named by what identifies it (a recorder, a source)."""
    text = json.dumps({"kind": kind, "key": key}, sort_keys=True, default=str)
    return iri(uuid5(NAMES, text))


def date_time(text: str) -> dict[str, str]:
    """Return an xsd:dateTime value object of an ISO time text."""
    return {"@value": text, "@type": f"{XSD}dateTime"}


def partial_time(text: str | None, precision: str | None) -> dict[str, str] | None:
    """Return a time as precise as it is known: xsd gYear, gYearMonth, date or dateTime."""
    if not text:
        return None
    kind = _PARTIAL_TYPES.get(precision or "exact", "dateTime")
    if kind == "gYear":
        value = text[:4]
    elif kind == "gYearMonth":
        value = text[:7]
    elif kind == "date":
        value = text[:10]
    else:
        value = text
    return {"@value": value, "@type": f"{XSD}{kind}"}


def recorder(metadata: Mapping[str, Any]) -> tuple[str, str, str] | None:
    """Return (URN, kind, name) of whoever recorded an event, from its `recorded_by`."""
    found = metadata.get("recorded_by")
    if not isinstance(found, Mapping) or not found:
        return None
    kind = str(found.get("kind") or "agent")
    name = str(found.get("username") or found.get("name") or found.get("id") or kind)
    key = {"kind": kind, "id": found.get("id"), "name": name}
    return derived_iri("recorder", key), kind, name


def source_iri(source: Mapping[str, Any]) -> str:
    """Return the URN of a report's source: its outlet, address, language and publication."""
    key = {name: source.get(name) for name in ("outlet", "url", "language", "published_at")}
    return derived_iri("source", key)


def source_fields(source: Any) -> dict[str, Any] | None:
    """Return the stored source of a development as a mapping, or None when it has none."""
    return dict(source) if isinstance(source, Mapping) and source else None


def web_address(text: Any) -> str | None:
    """Return an http(s) address as it is, or None for anything else (not an IRI to publish)."""
    if isinstance(text, str) and _WEB.match(text):
        return text
    return None


def wikidata(entity: Any) -> str | None:
    """Return the Wikidata page of an item id such as Q159, or None."""
    if isinstance(entity, str) and entity[:1] == "Q" and entity[1:].isdigit():
        return f"https://www.wikidata.org/wiki/{entity}"
    return None


def clean(node: dict[str, Any]) -> dict[str, Any]:
    """Return a node without the properties that have no value."""
    return {key: value for key, value in node.items() if value not in (None, [], "")}


def unique(nodes: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return nodes without repeats, in order."""
    out: list[dict[str, Any]] = []
    for node in nodes:
        if node not in out:
            out.append(node)
    return out
