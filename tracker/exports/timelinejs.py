"""Knight Lab TimelineJS JSON: a title slide, then one slide per development.

Each slide's `start_date` carries only the parts its precision knows (a year, a month, a
day, or the exact time) and a `display_date` as an editor writes it; `text` holds the summary,
the quote with its translation and a link to the source; `group` is the development type and
`unique_id` its event id. Corrections show in the current values (and a note); retracted
developments are left out, or marked when the reader asks (`retracted=mark`).
"""

from __future__ import annotations

from html import escape
from typing import Any

import orjson

from tracker.exports.base import ExportInput
from tracker.exports.common import (
    When,
    display_date,
    parse,
    retraction,
    shown,
    source_of,
    type_label,
    web_url,
    when,
)


def render(story: ExportInput) -> bytes:
    """Return the story as a TimelineJS document."""
    document = story.document
    language = document.get("language")
    title: dict[str, Any] = {
        "text": {
            "headline": escape(document.get("title") or ""),
            "text": _paragraph(document.get("summary")),
        },
        "unique_id": f"story-{document['slug']}",
    }
    events = [_slide(item, language) for item in shown(story)]
    return orjson.dumps({"title": title, "events": events, "scale": "human"})


def _slide(item: dict[str, Any], language: str | None) -> dict[str, Any]:
    """Return one development as a TimelineJS slide."""
    placed = when(item)
    label = display_date(placed.moment, placed.precision, language)
    if placed.basis != "occurred":
        label = f"{label} ({placed.basis})"
    headline = escape(item.get("summary") or type_label(item["type"]))
    retracted = item["status"] == "retracted"
    if retracted:
        headline = f"[Retracted] {headline}"
    return {
        "start_date": start_date(placed, label),
        "display_date": label,
        "text": {"headline": headline, "text": _text(item, language)},
        "group": type_label(item["type"]),
        "unique_id": item["event_id"],
    }


def start_date(placed: When, label: str) -> dict[str, Any]:
    """Return a TimelineJS date with only the parts the precision knows."""
    moment = placed.moment
    date: dict[str, Any] = {"year": moment.year}
    if placed.precision in ("month", "day", "exact"):
        date["month"] = moment.month
    if placed.precision in ("day", "exact"):
        date["day"] = moment.day
    if placed.precision == "exact":
        date |= {"hour": moment.hour, "minute": moment.minute, "second": moment.second}
    date["display_date"] = label
    return date


def _text(item: dict[str, Any], language: str | None) -> str:
    """Return the slide's HTML: notes, quote and translation, confirmation, source link."""
    parts: list[str] = []
    gone = retraction(item)
    if gone is not None:
        reason = f": {escape(gone['reason'])}" if gone.get("reason") else ""
        parts.append(f'<p class="tl-retracted"><strong>Retracted</strong>{reason}</p>')
    source = source_of(item)
    quote = source.get("quote")
    if quote:
        lang = escape(source.get("language") or "", quote=True)
        parts.append(f'<blockquote lang="{lang}">{escape(quote)}</blockquote>')
    if source.get("quote_translation"):
        parts.append(f"<p><em>{escape(source['quote_translation'])}</em></p>")
    confirmation = item.get("confirmation") or {}
    if confirmation.get("status") not in (None, "unconfirmed"):
        by = ", ".join(confirmation.get("by") or [])
        parts.append(f"<p>{escape(confirmation['status'].capitalize())}{_by(by)}</p>")
    corrections = [h for h in item.get("history") or [] if h.get("kind") == "correction"]
    if corrections:
        last = corrections[-1]
        stamp = display_date(parse(last["recorded_at"]), "day", language)
        reason = f": {escape(last['reason'])}" if last.get("reason") else ""
        parts.append(f"<p><small>Corrected {escape(stamp)}{reason}</small></p>")
    parts.append(_source_line(source, language))
    return "".join(part for part in parts if part)


def _by(names: str) -> str:
    return f" by {escape(names)}" if names else ""


def _source_line(source: dict[str, Any], language: str | None) -> str:
    """Return 'Source: outlet, date' with the outlet linked when the source has a web URL."""
    outlet = source.get("outlet")
    if not outlet:
        return ""
    url = web_url(source.get("url"))
    name = escape(outlet)
    if url:
        name = f'<a href="{escape(url, quote=True)}" rel="noopener noreferrer">{name}</a>'
    published = source.get("published_at")
    date = f", {escape(display_date(parse(published), 'day', language))}" if published else ""
    return f"<p><small>Source: {name}{date}</small></p>"


def _paragraph(text: str | None) -> str:
    return f"<p>{escape(text)}</p>" if text else ""
