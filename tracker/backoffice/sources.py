"""A story's sources as the page lists them: each outlet once, with every address it gave."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit


def sources_by_outlet(sources: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return one entry per outlet (case and spacing ignored): languages, links, developments."""
    found: dict[str, dict[str, Any]] = {}
    for source in sources:
        outlet = str(source.get("outlet") or "unnamed source").strip()
        entry = found.setdefault(
            " ".join(outlet.casefold().split()),
            {"outlet": outlet, "languages": [], "links": [], "developments": []},
        )
        language = source.get("language")
        if language and language not in entry["languages"]:
            entry["languages"].append(language)
        url = source.get("url")
        if url and url not in (link["url"] for link in entry["links"]):
            entry["links"].append({"url": url, "text": short_url(str(url))})
        for event_id in source.get("developments") or []:
            if event_id not in entry["developments"]:
                entry["developments"].append(event_id)
    return sorted(found.values(), key=lambda entry: -len(entry["developments"]))


def short_url(url: str) -> str:
    """Return an address without its scheme and www, cut to a readable length."""
    parts = urlsplit(url)
    text = (parts.netloc.removeprefix("www.") + parts.path).rstrip("/") or url
    return text if len(text) <= 60 else text[:59] + "…"
