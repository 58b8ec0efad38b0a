"""Turn a rendered story document into the rows of each read-model table (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import orjson

from tracker.domain import ActorDirectory, StoryState, normalize_name, to_document
from tracker.projections.search import story_texts

Row = tuple[Any, ...]

#: The version of what this code renders from events; raise it whenever the same events
#: would render different rows, so that read models rendered before get rebuilt.
RENDERING = 3


def current_rendering() -> int:
    """Return the rendering version of this code (the default for a new checkpoint)."""
    return RENDERING


#: Read-model tables and the columns the projector writes, in order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "projections_storyview": (
        "story_id", "slug", "title", "status", "language", "version", "position", "opened_at",
        "last_development_at", "document", "actor_ids", "text_german", "text_english",
        "text_simple",
    ),
    "projections_developmentview": (
        "event_id", "story_id", "type", "rank", "position", "occurred_at", "occurred_precision",
        "status", "confirmation", "summary", "view",
    ),
    "projections_involvement": ("story_id", "actor_id", "roles", "developments"),
    "projections_figurepoint": ("story_id", "metric", "unit", "period", "value", "event_id"),
    "projections_sourceview": ("story_id", "outlet", "url", "language", "developments"),
    "projections_actorview": ("actor_id", "name", "kind", "aliases", "merged_into", "description"),
    "projections_actorname": ("actor_id", "normalized", "name", "language"),
}  # fmt: skip
STORY_TABLES = tuple(name for name in COLUMNS if not name.startswith("projections_actor"))
ACTOR_TABLES = ("projections_actorview", "projections_actorname")


@dataclass
class Rows:
    """Rows to write, per table."""

    tables: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in COLUMNS})

    def extend(self, other: Rows) -> None:
        """Add another set of rows to these."""
        for name, rows in other.tables.items():
            self.tables[name].extend(rows)


def story_rows(story_id: UUID, state: StoryState, actors: ActorDirectory) -> Rows:
    """Return the rows of every story table for one folded story."""
    document = to_document(state, actors)
    timeline = document.pop("timeline")
    rows = Rows()
    texts = story_texts(document, timeline)
    rows.tables["projections_storyview"].append(
        (
            story_id, document["slug"] or str(story_id), document["title"] or "",
            document["status"] or "", document["language"] or "", document["version"],
            document["position"], document["opened_at"], document["last_development_at"],
            _json(document), _shown_actors(document, timeline), texts["text_german"],
            texts["text_english"], texts["text_simple"],
        )
    )  # fmt: skip
    for rank, view in enumerate(timeline):
        rows.tables["projections_developmentview"].append(
            (
                view["event_id"], story_id, view["type"], rank, view["position"],
                view["occurred_at"], view["occurred_precision"] or "", view["status"],
                (view.get("confirmation") or {}).get("status", "unconfirmed"),
                view.get("summary") or "", _json(view),
            )
        )  # fmt: skip
    for actor in document.get("actors") or []:
        rows.tables["projections_involvement"].append(
            (story_id, actor["id"], _json(actor["roles"]), len(actor["developments"]))
        )
    for figure in document.get("figures") or []:
        for point in figure.get("series") or []:
            rows.tables["projections_figurepoint"].append(
                (story_id, figure["metric"], figure["unit"] or "", str(point["period"]),
                 point["value"], point["event_id"])
            )  # fmt: skip
    for source in document.get("sources") or []:
        rows.tables["projections_sourceview"].append(
            (story_id, source.get("outlet") or "", source.get("url") or "",
             source.get("language") or "", _json(source.get("developments") or []))
        )  # fmt: skip
    return rows


def actor_rows(actors: ActorDirectory, actor_ids: Iterable[UUID]) -> Rows:
    """Return the rows of the actor tables for the given actors."""
    rows = Rows()
    for actor_id in actor_ids:
        record = actors.get(actor_id)
        if record is None:
            continue
        aliases = actors.names_of(record.id) if record.merged_into is None else record.aliases
        rows.tables["projections_actorview"].append(
            (record.id, record.name, record.kind, _json(aliases), record.merged_into,
             record.description or "")
        )  # fmt: skip
        names = {normalize_name(record.name): (record.name, "")}
        for alias in aliases:
            alias_name = alias.get("name") or ""
            names.setdefault(normalize_name(alias_name), (alias_name, alias.get("language") or ""))
        for normalized, (name, language) in names.items():
            if normalized:
                rows.tables["projections_actorname"].append((record.id, normalized, name, language))
    return rows


def _shown_actors(document: dict[str, Any], timeline: list[dict[str, Any]]) -> list[str]:
    """Return every actor id the story's views show, retracted developments included."""
    ids = {actor["id"] for actor in document.get("actors") or []}
    for view in timeline:
        ids.update(actor["id"] for actor in view.get("actors") or [] if actor.get("id"))
    return sorted(ids)


def _json(value: Any) -> str:
    return orjson.dumps(value, default=str).decode()
