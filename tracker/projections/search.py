"""Full-text search over German, English and other text, with one query across languages.

Each word of a query matches, in any of the indexed languages, its inflections (German and
English stemming), the words it begins (`Sanktionen` finds "Sanktionsgespräche", `Kreml`
finds "Kremlführer") and, in German text, the compounds it ends (`Gespräche` finds
"Waffenstillstandsgespräche"). A compound's ends are found without a dictionary: each long
German word is indexed once more as a tail key, its stem reversed past its first letters, so
that a prefix query on the reversed stem of a query word finds the compounds ending in it.
Actors' names and every alias, in every script, are indexed unstemmed.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Mapping
from typing import Any

import snowballstemmer
from django.contrib.postgres.search import SearchQuery

#: The stored tsvector of a story: each text column indexed with its own configuration.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('german'::regconfig, text_german), 'B')"
    " || setweight(to_tsvector('english'::regconfig, text_english), 'B')"
    " || to_tsvector('simple'::regconfig, text_simple)"
)
QUERY_CONFIGS = ("simple", "english", "german")
DATA_TEXT_FIELDS = ("content", "purpose", "destination", "topic", "terms", "context", "note")

TAIL_MARK = "0"  # starts every tail key: a digit, so the parser keeps the key one word
TAIL_HEAD = 4  # a compound's tail starts this far into its stem at least (not ge-, ver-, be-)
TAIL_MIN_STEM = 8  # words whose stem is shorter are not indexed as compounds
TAIL_MIN_QUERY = 5  # a query word whose stem is shorter matches no compound's tail
PREFIX_MIN = 4  # a query word shorter than this matches whole words only
# PostgreSQL refuses a tsvector over 1 MB, which would stop the story's projection: each
# column indexes at most this many characters: the first and the last parts of its text.
TEXT_BUDGET = 120_000
TAIL_CACHE = 1 << 18  # words whose tail keys are kept (about 40 MB at most)

_WORD = re.compile(r"[^\W_]+")
_CHUNK = re.compile(r'"([^"]*)"?|(\S+)')
_stemmer = snowballstemmer.stemmer("german")
_stemmer_lock = threading.Lock()  # a stemmer object keeps its word while it works


def german_stem(word: str) -> str:
    """Return the Snowball German stem of a word (lower-cased; umlauts folded as it does)."""
    with _stemmer_lock:
        return str(_stemmer.stemWord(word.lower()))


@functools.lru_cache(maxsize=TAIL_CACHE)
def tail_key(word: str) -> str | None:
    """Return the tail key of a long German word: its stem past the head, reversed, marked.

    Cached: a story's words come back with every rendering of it.
    """
    stem = german_stem(word)
    if len(stem) < TAIL_MIN_STEM or not stem.isalpha():
        return None
    return TAIL_MARK + stem[TAIL_HEAD:][::-1]


def story_texts(
    document: Mapping[str, Any], timeline: Iterable[Mapping[str, Any]]
) -> dict[str, str]:
    """Return the German, English and language-neutral text to index for a story.

    Text of unknown language is indexed as German and as English; quotes in their own
    language; names, aliases and quotes in other languages unstemmed, each distinct name
    once; and the tail keys of the German words.
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
    for actor in document.get("actors") or []:
        names[str(actor.get("name") or "")] = None
        for alias in actor.get("aliases") or []:
            names[str((alias or {}).get("name") or "")] = None
    texts = [text for text in unknown if isinstance(text, str) and text]
    german_text = "\n".join(german + texts)
    simple = "\n".join(neutral + [name for name in names if name] + _tails(german_text))
    return {
        "text_german": bounded(german_text),
        "text_english": bounded("\n".join(english + texts)),
        "text_simple": bounded(simple),
    }


def bounded(text: str, budget: int = TEXT_BUDGET) -> str:
    """Return `text` within the budget: its first and last parts, cut between words."""
    if len(text) <= budget:
        return text
    half = budget // 2
    head, tail = text[:half], text[-half:]
    return head.rsplit(None, 1)[0] + "\n" + tail.split(None, 1)[-1]


def _tails(text: str) -> list[str]:
    """Return the distinct tail keys of the words of a German text, in a stable order."""
    keys = {tail_key(word) for word in _WORD.findall(text)}
    return sorted(key for key in keys if key)


def search_query(q: str) -> SearchQuery | None:
    """Return the query for a search as a person types it; None when it has no word.

    Words must all match (see the module); `"a phrase"` matches those words in a row, `-word`
    excludes stories with the word, and `or` between words or groups accepts either.
    """
    groups: list[list[SearchQuery]] = [[]]
    for phrase, chunk in _CHUNK.findall(q):
        if chunk.lower() == "or":
            groups.append([])
        elif chunk.startswith("-") and _WORD.search(chunk):
            groups[-1].append(_without(" ".join(_WORD.findall(chunk.lower()))))
        elif phrase and len(_WORD.findall(phrase)) > 1:
            groups[-1].append(_phrase(" ".join(_WORD.findall(phrase.lower()))))
        else:
            groups[-1].extend(_word(word) for word in _WORD.findall((phrase or chunk).lower()))
    combined: SearchQuery | None = None
    for group in groups:
        if group:
            matched = _all(group)
            combined = matched if combined is None else combined | matched
    return combined


def _word(word: str) -> SearchQuery:
    """Return the query of one word: itself and the words it begins, the compounds it ends."""
    lexeme = f"'{word}':*" if len(word) >= PREFIX_MIN else f"'{word}'"
    parts = [SearchQuery(lexeme, config=config, search_type="raw") for config in QUERY_CONFIGS]
    stem = german_stem(word)
    if len(stem) >= TAIL_MIN_QUERY and stem.isalpha():
        key = f"'{TAIL_MARK}{stem[::-1]}':*"
        parts.append(SearchQuery(key, config="simple", search_type="raw"))
    return _any(parts)


def _phrase(words: str) -> SearchQuery:
    """Return the query of words in a row, in any of the languages."""
    return _any([SearchQuery(words, config=c, search_type="phrase") for c in QUERY_CONFIGS])


def _without(words: str) -> SearchQuery:
    """Return the query of stories that have these words in a row in none of the languages."""
    parts = [SearchQuery(words, config=c, search_type="phrase", invert=True) for c in QUERY_CONFIGS]
    return _all(parts)


def _any(parts: list[SearchQuery]) -> SearchQuery:
    combined = parts[0]
    for part in parts[1:]:
        combined = combined | part
    return combined


def _all(parts: list[SearchQuery]) -> SearchQuery:
    combined = parts[0]
    for part in parts[1:]:
        combined = combined & part
    return combined
