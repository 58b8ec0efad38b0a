"""PLOVER JSON Lines for event-data researchers: one record per development.

Fields follow the PLOVER specification (Open Event Data Alliance): `id`, `date`
(YYYY-MM-DD), `actor` and `recipient` (lists of actor objects), `event` (a list of PLOVER
categories), `mode`, `context`, `quad_code` (1-4), `event_text`, `text` and `cite_info`.
Precision as PLOVER writes it: a development known to the month or year is dated by the
first day of the period with `enddate` its last day; an exact one adds `time`, so that
date + "T" + time is its ISO 8601 time. Where the domain derives no PLOVER category (a
statement, a figure...) the record has `has_event: false` and an empty `event`.
"""

from __future__ import annotations

import calendar
from datetime import datetime
from typing import Any

import orjson

from tracker.exports.base import ExportInput
from tracker.exports.common import (
    ACTING_ROLES,
    RECEIVING_ROLES,
    by_role,
    shown,
    source_of,
    web_url,
    when,
)

#: PLOVER category -> quad code (verbal / material cooperation, verbal / material conflict).
QUADS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    # REQUEST: the later PLOVER name of DEMAND (CAMEO 02 and 10 requests and demands).
    **dict.fromkeys(("DEMAND", "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
CODER = "news-tracker"


def render(story: ExportInput) -> bytes:
    """Return one JSON line per development shown (retracted ones only when marked)."""
    lines = [orjson.dumps(record(story, item)) for item in shown(story)]
    return b"".join(line + b"\n" for line in lines)


def record(story: ExportInput, item: dict[str, Any]) -> dict[str, Any]:
    """Return the PLOVER record of one development."""
    plover = item.get("plover") if isinstance(item.get("plover"), dict) else None
    event = [str(plover["event"])] if plover and plover.get("event") else []
    acting = by_role(item, ACTING_ROLES)
    receiving = [a for a in by_role(item, RECEIVING_ROLES) if a not in acting[:1]]
    if acting and acting[0].get("role") == "party" and len(acting) > 1:
        acting, receiving = acting[:1], acting[1:]  # talks and agreements: one party each side
    out: dict[str, Any] = {
        "id": item["event_id"],
        "has_event": bool(event),
        **dates(item),
        "actor": [_actor(story, actor) for actor in acting],
        "recipient": [_actor(story, actor) for actor in receiving],
        "event": event,
        "mode": (plover or {}).get("mode") or "",
        "context": list((plover or {}).get("context") or []),
        "quad_code": QUADS.get(event[0]) if event else None,
        "event_text": [item["summary"]] if item.get("summary") else [],
        "text": source_of(item).get("quote") or "",
        "cite_info": _cite_info(story, item),
        "cameo": item.get("cameo"),
        "coder": CODER,
        "coded_date": item["recorded_at"][:10],
        "coded_time": item["recorded_at"][11:],
    }
    if item["status"] == "retracted":
        out["retracted"] = True
    return {key: value for key, value in out.items() if value is not None}


def dates(item: dict[str, Any]) -> dict[str, str]:
    """Return date (and enddate for a month or a year, time for an exact moment)."""
    placed = when(item)
    moment = placed.moment
    out = {"date": f"{moment:%Y-%m-%d}", "date_precision": placed.precision}
    if placed.precision == "month":
        out["enddate"] = _last_day(moment, moment.month)
    elif placed.precision == "year":
        out["enddate"] = _last_day(moment, 12)
    elif placed.precision == "exact":
        out["time"] = moment.strftime("%H:%M:%S") + "Z"
    return out


def _last_day(moment: datetime, month: int) -> str:
    day = calendar.monthrange(moment.year, month)[1]
    return f"{moment.year:04d}-{month:02d}-{day:02d}"


def _actor(story: ExportInput, actor: dict[str, Any]) -> dict[str, Any]:
    """Return a PLOVER actor object: the text as stated, the identifier and canonical name."""
    known = {entry["id"]: entry for entry in story.document.get("actors", [])}
    entry = known.get(actor.get("id") or "") or {}
    wikidata = entry.get("wikidata")
    out = {
        "actor_text": actor.get("name_as_stated") or actor.get("name"),
        "identifier_id": f"https://www.wikidata.org/wiki/{wikidata}"
        if wikidata
        else actor.get("id"),
        "identifier_text": actor.get("name"),
        "role": actor.get("role"),
        "kind": entry.get("kind"),
    }
    return {key: value for key, value in out.items() if value}


def _cite_info(story: ExportInput, item: dict[str, Any]) -> dict[str, Any]:
    """Return where the record was coded from: corpus, url, title, language, publication."""
    source = source_of(item)
    document = story.document
    language = source.get("language") or document.get("language")
    out = {
        "corpus": f"{CODER}:{document['slug']}",
        "url": web_url(source.get("url")),
        "title": document.get("title"),
        "language": language[:2] if language else None,
        "publication": source.get("outlet"),
        "citation": _citation(source),
        "version": str(document["version"]),
    }
    return {key: value for key, value in out.items() if value}


def _citation(source: dict[str, Any]) -> str | None:
    if not source.get("outlet"):
        return None
    published = source.get("published_at")
    return f"{source['outlet']}, {published}" if published else str(source["outlet"])
