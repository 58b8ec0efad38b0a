"""Full-text search over German, English and other text, with one query across languages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.postgres.search import SearchQuery

#: The stored tsvector of a story: each text column indexed with its own configuration.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('german'::regconfig, text_german), 'B')"
    " || setweight(to_tsvector('english'::regconfig, text_english), 'B')"
    " || to_tsvector('simple'::regconfig, text_simple)"
)
QUERY_CONFIGS = ("simple", "english", "german")
DATA_TEXT_FIELDS = ("content", "purpose", "destination", "topic", "terms", "context", "note")


def story_texts(
    document: Mapping[str, Any], timeline: Iterable[Mapping[str, Any]]
) -> dict[str, str]:
    """Return the German, English and language-neutral text to index for a story.

    Text of unknown language is indexed as German and as English; quotes in their own
    language; names and quotes in other languages unstemmed, each distinct name once.
    """
    german: list[str] = []
    english: list[str] = []
    neutral: list[str] = []
    names: dict[str, None] = {}
    unknown = [document.get("title"), document.get("summary")]
    for view in timeline:
        if view.get("status") == "retracted":
            continue
        data = view.get("data") or {}
        unknown.append(view.get("summary"))
        unknown.extend(data.get(key) for key in DATA_TEXT_FIELDS)
        source = view.get("source") or {}
        quote, language = source.get("quote"), (source.get("language") or "")[:2]
        if quote:
            {"de": german, "en": english}.get(language, neutral).append(quote)
        if source.get("quote_translation"):
            english.append(source["quote_translation"])
        for actor in view.get("actors") or []:
            names[str(actor.get("name") or "")] = None
            names[str(actor.get("name_as_stated") or "")] = None
    texts = [text for text in unknown if isinstance(text, str) and text]
    return {
        "text_german": "\n".join(german + texts),
        "text_english": "\n".join(english + texts),
        "text_simple": "\n".join(neutral + [name for name in names if name]),
    }


def search_query(q: str) -> SearchQuery:
    """Return one web-search style query that matches in every indexed language."""
    queries = [SearchQuery(q, config=config, search_type="websearch") for config in QUERY_CONFIGS]
    combined = queries[0]
    for query in queries[1:]:
        combined = combined | query
    return combined
