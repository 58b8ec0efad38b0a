"""Turn folded stories and actors into the rows of each read-model table.

Each table's columns are declared once, by its Django model; rows are built by column name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import orjson
from django.db import models

from tracker.domain import ActorDirectory, DevelopmentRecord, StoryState, normalize_name
from tracker.domain.document import to_document
from tracker.domain.snapshot import record_references, record_to_data, state_to_data
from tracker.domain.transliteration import latin_key
from tracker.domain.view import timeline_key
from tracker.projections.models import (
    ActorName,
    ActorView,
    DevelopmentView,
    FigurePoint,
    Involvement,
    SourceView,
    StorySnapshot,
    StoryView,
)
from tracker.projections.rendering import RENDERING, current_rendering
from tracker.projections.search import story_texts

__all__ = ["RENDERING", "current_rendering"]  # current_rendering: named by old migrations

Row = tuple[Any, ...]


def _columns(model: type[models.Model]) -> tuple[str, ...]:
    fields = model._meta.concrete_fields
    return tuple(f.column for f in fields if not isinstance(f, models.GeneratedField))


_TABLES = (StoryView, StorySnapshot, DevelopmentView, Involvement, FigurePoint, SourceView)
#: Read-model tables and the columns the projector writes, in order (from the models).
COLUMNS: dict[str, tuple[str, ...]] = {
    model._meta.db_table: _columns(model) for model in (*_TABLES, ActorView, ActorName)
}
STORY, SNAPSHOT = StoryView._meta.db_table, StorySnapshot._meta.db_table
DEVELOPMENT, INVOLVEMENT = DevelopmentView._meta.db_table, Involvement._meta.db_table
FIGURE, SOURCE = FigurePoint._meta.db_table, SourceView._meta.db_table
ACTOR, ACTOR_NAME = ActorView._meta.db_table, ActorName._meta.db_table
STORY_TABLES = tuple(model._meta.db_table for model in _TABLES)
ACTOR_TABLES = (ACTOR, ACTOR_NAME)
SUMMARY_TABLES = (STORY, INVOLVEMENT, FIGURE, SOURCE)  # rendered from the whole story


@dataclass
class Rows:
    """Rows to write, per table."""

    tables: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in COLUMNS})

    def add(self, table: str, **values: Any) -> None:
        """Add one row to a table, given by column name (every column, none other)."""
        columns = COLUMNS[table]
        if len(values) != len(columns):
            raise ValueError(f"{table} has columns {columns}, got {sorted(values)}")
        self.tables[table].append(tuple([values[name] for name in columns]))

    def extend(self, other: Rows) -> None:
        """Add another set of rows to these."""
        for name, rows in other.tables.items():
            self.tables[name].extend(rows)


def story_rows(story_id: UUID, state: StoryState, actors: ActorDirectory) -> Rows:
    """Return the rows of every story table for one folded story, its snapshot included."""
    rows = summary_rows(story_id, state, actors, with_developments=True)
    snapshot_row(rows, story_id, state, len(state.developments), pending=0)
    return rows


def summary_rows(
    story_id: UUID, state: StoryState, actors: ActorDirectory, *, with_developments: bool = False
) -> Rows:
    """Return the story's document, involvement, figure and source rows (and development rows)."""
    document = to_document(state, actors, shared=True)  # every view is serialised at once
    timeline = document.pop("timeline")
    rows = Rows()
    texts = story_texts(document, timeline)
    text = _json(document)  # stored twice: as `jsonb` to query, as the text a read sends
    rows.add(
        STORY, story_id=story_id, slug=document["slug"] or str(story_id),
        title=document["title"] or "", status=document["status"] or "",
        language=document["language"] or "", version=document["version"],
        position=document["position"], opened_at=document["opened_at"],
        last_development_at=document["last_development_at"], document=text, body=text,
        actor_ids=_shown_actors(document, timeline), **texts,
    )  # fmt: skip
    if with_developments:
        for view in timeline:
            development_row(rows, story_id, view, state.developments[UUID(view["event_id"])])
    for actor in document.get("actors") or []:
        rows.add(
            INVOLVEMENT, story_id=story_id, actor_id=actor["id"], roles=_json(actor["roles"]),
            developments=len(actor["developments"]),
        )  # fmt: skip
    for figure in document.get("figures") or []:
        for point in figure.get("series") or []:
            rows.add(
                FIGURE, story_id=story_id, metric=figure["metric"], unit=figure["unit"] or "",
                period=str(point["period"]), value=point["value"], event_id=point["event_id"],
            )  # fmt: skip
    for source in document.get("sources") or []:
        rows.add(
            SOURCE, story_id=story_id, outlet=source.get("outlet") or "",
            url=source.get("url") or "", language=source.get("language") or "",
            developments=_json(source.get("developments") or []),
        )  # fmt: skip
    return rows


def development_row(
    rows: Rows, story_id: UUID, view: Mapping[str, Any], record: DevelopmentRecord
) -> None:
    """Add the row of one development: its timeline view and the fold's record of it."""
    rows.add(
        DEVELOPMENT, event_id=view["event_id"], story_id=story_id, type=view["type"],
        moment=timeline_key(record)[0], position=view["position"],
        occurred_at=view["occurred_at"], occurred_precision=view["occurred_precision"] or "",
        status=view["status"],
        confirmation=(view.get("confirmation") or {}).get("status", "unconfirmed"),
        summary=view.get("summary") or "", view=_json(view),
        record=snapshot_text(record_to_data(record)), refs=record_references(record),
        actor_ids=sorted({actor["id"] for actor in view.get("actors") or [] if actor.get("id")}),
    )  # fmt: skip


def snapshot_row(
    rows: Rows, story_id: UUID, state: StoryState, developments: int, *, pending: int
) -> None:
    """Add the story's snapshot row: its state but the developments, at its version."""
    rows.add(
        SNAPSHOT, story_id=story_id, version=state.version, position=state.position,
        rendering=RENDERING, state=snapshot_text(state_to_data(state)),
        developments=developments, pending=pending,
    )  # fmt: skip


def actor_rows(actors: ActorDirectory, actor_ids: Iterable[UUID]) -> Rows:
    """Return the rows of the actor tables for the given actors."""
    rows = Rows()
    for actor_id in actor_ids:
        record = actors.get(actor_id)
        if record is None:
            continue
        aliases = actors.names_of(record.id) if record.merged_into is None else record.aliases
        rows.add(
            ACTOR, actor_id=record.id, name=record.name, kind=record.kind,
            aliases=_json(aliases), merged_into=record.merged_into,
            description=record.description or "",
        )  # fmt: skip
        names = {normalize_name(record.name): (record.name, "")}
        for alias in aliases:
            alias_name = alias.get("name") or ""
            names.setdefault(normalize_name(alias_name), (alias_name, alias.get("language") or ""))
        for normalized, (name, language) in names.items():
            if normalized:
                rows.add(
                    ACTOR_NAME, actor_id=record.id, normalized=normalized, name=name,
                    language=language, latin=latin_key(normalized),
                )  # fmt: skip
    return rows


def snapshot_text(data: Any) -> str:
    """Return JSON text that `snapshot_data` reads back exactly (integers of any size too)."""
    try:
        return orjson.dumps(data).decode()
    except TypeError:  # an integer beyond 64 bits: the slower encoder keeps it whole
        return " " + json.dumps(data, ensure_ascii=False)


def snapshot_data(text: str) -> Any:
    """Return the data of a `snapshot_text`."""
    return json.loads(text) if text.startswith(" ") else orjson.loads(text)


def _shown_actors(document: dict[str, Any], timeline: list[dict[str, Any]]) -> list[str]:
    """Return every actor id the story's views show, retracted developments included."""
    ids = {actor["id"] for actor in document.get("actors") or []}
    for view in timeline:
        ids.update(actor["id"] for actor in view.get("actors") or [] if actor.get("id"))
    return sorted(ids)


def _json(value: Any) -> str:
    return orjson.dumps(value, default=str).decode()
