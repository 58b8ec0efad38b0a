"""The hot reads, as stored bytes: a live story and its validators, a page of the global feed.

Each is one SQL statement that PostgreSQL answers from an index, returning the JSON text
the API sends: no model instances, no decoding and encoding again in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from django.db import connections

from tracker.dbrouting import primary, reading_alias
from tracker.eventstore.reading import read_all_sql
from tracker.projections import models as read_models

RENDERING = read_models.current_rendering()

#: Runs one SQL statement with parameters and returns its rows.
Run = Callable[[str, Any], Sequence[Sequence[Any]]]

# The latest time an event the document reflects was recorded: the story's own last event,
# or the last event of an actor it shows (a rename re-renders the story without a new version).
_LAST_RECORDED = """GREATEST(
    (SELECT e.recorded_at FROM events e WHERE e.stream_id = s.story_id
     ORDER BY e.version DESC LIMIT 1),
    (SELECT max(a.recorded_at) FROM unnest(s.actor_ids) AS i(actor_id) CROSS JOIN LATERAL
        (SELECT e.recorded_at FROM events e WHERE e.stream_id = i.actor_id
         ORDER BY e.version DESC LIMIT 1) AS a))"""
# Where the projection keeps story snapshots, a story whose rows are behind its snapshot is
# rendered by the read path before it is shown: such rows are not served as they are.
_BEHIND = (
    """EXISTS (SELECT FROM projections_storysnapshot p
    WHERE p.story_id = s.story_id AND p.pending > 0)"""
    if hasattr(read_models, "StorySnapshot")
    else "false"
)
# xmin: the transaction that last wrote the row; it changes with every rewrite of the document.
# The last recorded time is looked up only for a write the caller does not know it of yet
# (`known`, the write it was last looked up for): the rows an actor's change re-renders are
# rewritten, so one write of a row keeps one time. It comes as epoch seconds (a float8 is
# read in C; a timestamptz column costs a loader set up in Python on every read).
_VALIDATORS = f"""s.version, s.xmin::text,
    EXISTS (SELECT FROM projections_projectionfailure f WHERE f.stream_id = s.story_id),
    CASE WHEN s.xmin::text = %(known)s THEN NULL
    ELSE extract(epoch FROM {_LAST_RECORDED})::float8 END, {_BEHIND}"""
# The stored text the API sends (rows of an older rendering have none: their jsonb printed).
STORY_SQL = f"""SELECT {_VALIDATORS}, coalesce(s.body, s.document::text)
FROM projections_storyview s WHERE s.story_id = %(story)s"""
VALIDATORS_SQL = f"SELECT {_VALIDATORS} FROM projections_storyview s WHERE s.story_id = %(story)s"
#: How many stories' last recorded times a process keeps before it starts over.
MODIFIED_KEPT = 20_000


@dataclass(frozen=True, slots=True)
class Validators:
    """What identifies one stored state of a story: version, row write, stuck, last change.

    `behind`: the row is older than the story's snapshot (to be rendered before it is shown).
    """

    version: int
    stamp: str
    stuck: bool
    modified: datetime | None
    behind: bool = False


#: Per story: the row's write its last recorded time was looked up for, and that time.
_modified: dict[UUID, tuple[str, datetime | None]] = {}


def django_run(sql: str, params: Any) -> Sequence[Sequence[Any]]:
    """Run a statement on this thread's Django connection to the read's database (dbrouting)."""
    with connections[reading_alias()].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def story_stored(story_id: UUID, run: Run = django_run) -> tuple[Validators, str] | None:
    """Return a live story's validators and stored JSON text; None when it has no read model."""
    known = _modified.get(story_id)
    rows = run(STORY_SQL, {"story": story_id, "known": known[0] if known else None})
    if not rows:
        return None
    *validators, text = rows[0]
    return _validators(story_id, known, validators), text


def story_validators(story_id: UUID, run: Run = django_run) -> Validators | None:
    """Return a live story's validators without its document; None when it has no read model."""
    known = _modified.get(story_id)
    rows = run(VALIDATORS_SQL, {"story": story_id, "known": known[0] if known else None})
    return _validators(story_id, known, rows[0]) if rows else None


def _validators(
    story_id: UUID, known: tuple[str, datetime | None] | None, row: Sequence[Any]
) -> Validators:
    """Return a row's validators: its last recorded time as looked up, or as known already."""
    version, stamp, stuck, seconds, behind = row
    if known is not None and known[0] == stamp:
        modified = known[1]  # the statement left it out: the same write as when last looked up
    else:
        modified = None if seconds is None else datetime.fromtimestamp(seconds, UTC)
        if len(_modified) >= MODIFIED_KEPT:
            _modified.clear()
        _modified[story_id] = (stamp, modified)
    return Validators(version, stamp, stuck, modified, behind)


def _iso(column: str) -> str:
    """Return SQL printing a timestamptz as the API does (UTC, microseconds only when set, Z)."""
    utc = f"({column} AT TIME ZONE 'UTC')"
    return (
        f"""CASE WHEN {column} IS NULL THEN 'null' ELSE '"' || to_char({utc}, """
        f"""'YYYY-MM-DD"T"HH24:MI:SS') || CASE WHEN date_trunc('second', {column}) = {column} """
        f"""THEN '' ELSE to_char({utc}, '.US') END || 'Z"' END"""
    )


# The API's event envelope, built by PostgreSQL from the stored columns (data as stored).
ENVELOPE = f"""'{{"position":' || e.position || ',"event_id":"' || e.event_id
    || '","stream_id":"' || e.stream_id || '","stream_type":' || to_json(e.stream_type)::text
    || ',"version":' || e.version || ',"type":' || to_json(e.event_type)::text
    || ',"schema_version":' || e.schema_version || ',"data":' || e.data
    || ',"metadata":' || e.metadata || ',"occurred_at":' || {_iso("e.occurred_at")}
    || ',"occurred_precision":' || coalesce(to_json(e.occurred_precision)::text, 'null')
    || ',"reported_at":' || {_iso("e.reported_at")}
    || ',"recorded_at":' || {_iso("e.recorded_at")} || '}}'"""


def feed_page_json(
    *,
    after: int = 0,
    limit: int = 100,
    types: Sequence[str] | None = None,
    stream_types: Sequence[str] | None = None,
    run: Run = django_run,
) -> bytes:
    """Return a page of the global feed as the API's JSON bytes (the store's own read).

    Always on the primary, never in a replica read: a standby's snapshot is no safe horizon
    for the feed (tracker/dbrouting.py).
    """
    inner = read_all_sql(bool(types), bool(stream_types))
    sql = f"SELECT e.position, {ENVELOPE} FROM ({inner}) AS e ORDER BY e.position"
    params = {
        "after": after,
        "limit": limit,
        "event_types": list(types or ()),
        "stream_types": list(stream_types or ()),
    }
    with primary():
        rows = run(sql, params)
    next_after = rows[-1][0] if rows else after
    items = ",".join(row[1] for row in rows)
    return f'{{"items":[{items}],"next_after":{next_after}}}'.encode()
