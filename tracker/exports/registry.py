"""Every exchange format by name: its render function, media type, file extension, rendering."""

from __future__ import annotations

from tracker.exports import csvfile, jsonld, ninjs, plover, prov, timelinejs
from tracker.exports.base import ExportFormat

_ALL = (
    ExportFormat(
        "timelinejs", timelinejs.render, "application/json", "json", 1,
        "Knight Lab TimelineJS JSON: a title slide and one slide per development",
    ),
    ExportFormat(
        "ninjs", ninjs.render, "application/json", "json", 1,
        "IPTC ninjs 2.1: the story as an item, each development as an associated item",
    ),
    ExportFormat(
        "plover", plover.render, "application/x-ndjson", "jsonl", 1,
        "PLOVER JSON Lines: one event record per development, CAMEO and PLOVER codes",
    ),
    ExportFormat(
        "csv", csvfile.render, "text/csv; charset=utf-8; header=present", "csv", 1,
        "CSV in the shape of ACLED's exports: one row per development",
    ),
    ExportFormat(
        "csv-deletions", csvfile.render_deletions, "text/csv; charset=utf-8; header=present",
        "csv", 1, "CSV of retracted developments (event_id, deleted_timestamp)",
    ),
    ExportFormat(
        "jsonld", jsonld.render, "application/ld+json", "jsonld", 1,
        "schema.org JSON-LD: a LiveBlogPosting with its updates, corrections and ClaimReviews",
    ),
    ExportFormat(
        "prov", prov.render, "application/ld+json", "jsonld", 1,
        "W3C PROV-O JSON-LD: every fact with its source, recorder, revisions and invalidation",
    ),
)  # fmt: skip

#: Format name -> its declaration, in the order the API and the admin list them.
FORMATS: dict[str, ExportFormat] = {fmt.name: fmt for fmt in _ALL}


def names() -> list[str]:
    """Return the names of every format."""
    return list(FORMATS)


def get(name: str) -> ExportFormat | None:
    """Return the format with this name, or None."""
    return FORMATS.get(name)
