"""What several formats share: which developments to show, their dates, labels and roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from tracker.exports.base import ExportInput

#: Roles of the actor who acts (PLOVER `actor`, ACLED `actor1`); the rest are on the other side.
ACTING_ROLES = (
    "visitor", "speaker", "confirmer", "denier", "requester", "decider", "offerer",
    "rejecter", "appointee", "party", "subject",
)  # fmt: skip
#: Roles of the actor acted upon (PLOVER `recipient`, ACLED `actor2`), most telling first.
RECEIVING_ROLES = (
    "host", "addressee", "sanctions_target", "recipient", "organization", "mediator", "party",
)  # fmt: skip

_EN = "January February March April May June July August September October November December"
_DE = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
_MONTHS: dict[str, list[str]] = {"en": _EN.split(" "), "de": _DE.split(" ")}


@dataclass(frozen=True, slots=True)
class When:
    """The moment a development is placed at, how precise it is, and what it was taken from."""

    moment: datetime
    precision: str
    basis: str  # occurred, reported or recorded


def shown(story: ExportInput) -> list[dict[str, Any]]:
    """Return the developments to show: retracted ones only when the reader asks to mark them."""
    if story.options.retracted == "mark":
        return list(story.timeline)
    return [item for item in story.timeline if item["status"] != "retracted"]


def when(item: dict[str, Any]) -> When:
    """Return when a development happened; undated ones by the day reported (else recorded)."""
    if item.get("occurred_at"):
        precision = item.get("occurred_precision") or "exact"
        return When(parse(item["occurred_at"]), precision, "occurred")
    if item.get("reported_at"):
        return When(parse(item["reported_at"]), "day", "reported")
    return When(parse(item["recorded_at"]), "day", "recorded")


def parse(text: str) -> datetime:
    """Return a time the document prints (ISO 8601 with Z) as an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def display_date(moment: datetime, precision: str, language: str | None = None) -> str:
    """Return a date as an editor writes it: 2025, April 2025, 2 April 2025, or with the time."""
    months = _MONTHS.get((language or "en")[:2], _MONTHS["en"])
    month = months[moment.month - 1]
    if precision == "year":
        return f"{moment.year}"
    if precision == "month":
        return f"{month} {moment.year}"
    day = (
        f"{moment.day}. {month} {moment.year}"
        if months is _MONTHS["de"]
        else (f"{moment.day} {month} {moment.year}")
    )
    if precision == "day":
        return day
    return f"{day}, {moment:%H:%M} UTC"


def type_label(type_name: str) -> str:
    """Return a development type as a heading: sanctions_request -> Sanctions request."""
    return type_name.replace("_", " ").capitalize()


def by_role(item: dict[str, Any], roles: tuple[str, ...]) -> list[dict[str, Any]]:
    """Return the actors of a development holding the first of `roles` any of them holds."""
    actors = item.get("actors") or []
    for role in roles:
        found = [actor for actor in actors if actor.get("role") == role]
        if found:
            return found
    return []


def acting_and_receiving(
    item: dict[str, Any],
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Return the actor who acts and the one acted upon (two parties: the first, the second)."""
    acting = by_role(item, ACTING_ROLES)
    first = acting[0] if acting else None
    others = [a for a in by_role(item, RECEIVING_ROLES) if a is not first]
    return first, (others[0] if others else None)


def actor_name(actor: dict[str, Any] | None) -> str | None:
    """Return an actor's canonical name, else the name as stated."""
    if actor is None:
        return None
    return actor.get("name") or actor.get("name_as_stated")


def source_of(item: dict[str, Any]) -> dict[str, Any]:
    """Return the development's source as stored ({} without one)."""
    source = item.get("source")
    return source if isinstance(source, dict) else {}


def web_url(value: Any) -> str | None:
    """Return a URL when it is http or https (never javascript: and the like), else None."""
    if not isinstance(value, str):
        return None
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError:
        return None
    return value if scheme in ("http", "https") else None


def last_change(item: dict[str, Any]) -> str:
    """Return when a development last changed: its last correction or retraction, or recording."""
    history = item.get("history") or []
    stamps = [entry["recorded_at"] for entry in history if entry.get("recorded_at")]
    return stamps[-1] if stamps else item["recorded_at"]


def retraction(item: dict[str, Any]) -> dict[str, Any] | None:
    """Return the history entry that retracted a development, or None."""
    for entry in item.get("history") or []:
        if entry.get("kind") == "retraction":
            return dict(entry)
    return None
