"""CSV in the shape of ACLED's exports: one flat row per development, and a deletions feed.

Columns as ACLED names them where they mean the same (`event_date`, `year`,
`time_precision` 1 day / 3 month, `actor1`, `assoc_actor_1`, `actor2`, `assoc_actor_2`,
`notes`, `source`, `timestamp` as Unix seconds of the last change), then what the tracker
adds (precision, CAMEO and PLOVER codes, the source's URL and language, confirmation). A
reader keeps a dataset current as ACLED's users do: rows whose `timestamp` is newer than
the last download replace theirs, and `csv-deletions` lists the retracted developments
(`event_id`, `deleted_timestamp`) to remove.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from tracker.domain import format_partial
from tracker.exports.base import ExportInput
from tracker.exports.common import (
    ACTING_ROLES,
    RECEIVING_ROLES,
    actor_name,
    by_role,
    last_change,
    parse,
    retraction,
    shown,
    source_of,
    web_url,
    when,
)

COLUMNS = (
    "event_id", "story", "event_date", "year", "time_precision", "date_precision",
    "occurred_at", "event_type", "cameo", "plover_event", "plover_mode", "plover_context",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "other_actors", "notes",
    "source", "source_url", "source_language", "source_published", "confirmation",
    "confirmed_by", "status", "corrections", "timestamp",
)  # fmt: skip
DELETION_COLUMNS = ("event_id", "deleted_timestamp")
#: date precision -> ACLED's time_precision (1 day, 2 week, 3 month; a year counts as 3).
_ACLED_PRECISION = {"exact": 1, "day": 1, "month": 3, "year": 3}


def render(story: ExportInput) -> bytes:
    """Return the header and one row per development shown (retracted ones when marked)."""
    return _table(COLUMNS, [row(story, item) for item in shown(story)])


def render_deletions(story: ExportInput) -> bytes:
    """Return the header and one row per retracted development, with when it was retracted."""
    rows = []
    for item in story.timeline:
        gone = retraction(item)
        if item["status"] == "retracted" and gone is not None:
            rows.append({"event_id": item["event_id"], "deleted_timestamp": _unix(gone)})
    return _table(DELETION_COLUMNS, rows)


def row(story: ExportInput, item: dict[str, Any]) -> dict[str, Any]:
    """Return one development as a flat row."""
    placed = when(item)
    plover = item.get("plover") if isinstance(item.get("plover"), dict) else {}
    acting = by_role(item, ACTING_ROLES)
    receiving = [a for a in by_role(item, RECEIVING_ROLES) if a not in acting[:1]]
    if acting and acting[0].get("role") == "party" and len(acting) > 1:
        acting, receiving = acting[:1], acting[1:]
    named = {id(actor) for actor in acting + receiving}
    others = [a for a in item.get("actors") or [] if id(a) not in named]
    source = source_of(item)
    confirmation = item.get("confirmation") or {}
    corrections = [h for h in item.get("history") or [] if h.get("kind") == "correction"]
    return {
        "event_id": item["event_id"],
        "story": story.document["slug"],
        "event_date": f"{placed.moment:%Y-%m-%d}",
        "year": placed.moment.year,
        "time_precision": _ACLED_PRECISION.get(placed.precision, 1),
        "date_precision": placed.precision,
        "occurred_at": format_partial(placed.moment, placed.precision)
        if placed.basis == "occurred"
        else "",
        "event_type": item["type"],
        "cameo": item.get("cameo") or "",
        "plover_event": (plover or {}).get("event") or "",
        "plover_mode": (plover or {}).get("mode") or "",
        "plover_context": ";".join((plover or {}).get("context") or []),
        "actor1": actor_name(acting[0]) if acting else "",
        "assoc_actor_1": _names(acting[1:]),
        "actor2": actor_name(receiving[0]) if receiving else "",
        "assoc_actor_2": _names(receiving[1:]),
        "other_actors": "; ".join(f"{a.get('role')}: {actor_name(a)}" for a in others),
        "notes": item.get("summary") or "",
        "source": source.get("outlet") or "",
        "source_url": web_url(source.get("url")) or "",
        "source_language": source.get("language") or "",
        "source_published": source.get("published_at") or "",
        "confirmation": confirmation.get("status") or "",
        "confirmed_by": "; ".join(confirmation.get("by") or []),
        "status": item["status"],
        "corrections": len(corrections),
        "timestamp": int(parse(last_change(item)).timestamp()),
    }


def _names(actors: list[dict[str, Any]]) -> str:
    return "; ".join(name for name in (actor_name(a) for a in actors) if name)


def _unix(entry: dict[str, Any]) -> int:
    return int(parse(entry["recorded_at"]).timestamp())


def _table(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    """Return rows as CSV (RFC 4180: CRLF line ends, quotes where needed), UTF-8."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()
