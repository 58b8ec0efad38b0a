"""A story's search text stays within what PostgreSQL can index, however long the story grows."""

from __future__ import annotations

import random
import string

import pytest
from django.db import OperationalError, connection, transaction

from tracker.projections.search import SEARCH_VECTOR_SQL, TEXT_BUDGET, bounded

pytestmark = pytest.mark.django_db


def distinct_words(count: int, seed: int = 7) -> str:
    """Return `count` random 9-letter words: the worst case for a tsvector's size."""
    rng = random.Random(seed)
    return " ".join("".join(rng.choices(string.ascii_lowercase, k=9)) for _ in range(count))


def vector_size(german: str, english: str, simple: str) -> int:
    """Return the size in bytes of the story tsvector PostgreSQL builds from the three texts."""
    sql = f"SELECT pg_column_size({SEARCH_VECTOR_SQL}) FROM (SELECT %s AS text_german, %s AS text_english, %s AS text_simple) AS t"  # noqa: E501
    with connection.cursor() as cursor:
        cursor.execute(sql, [german, english, simple])
        return int(cursor.fetchone()[0])


def test_short_text_is_indexed_whole() -> None:
    """Text within the budget is kept as it is."""
    assert bounded("Sanktionen und Gespräche") == "Sanktionen und Gespräche"


def test_long_text_keeps_its_first_and_last_words_within_the_budget() -> None:
    """Past the budget, the start and the latest text are kept, each cut between words."""
    text = "erstes " + distinct_words(60_000) + " letztes"
    kept = bounded(text)
    assert len(kept) <= TEXT_BUDGET + 1
    assert kept.startswith("erstes ") and kept.endswith(" letztes")
    assert all(len(word) in (6, 7, 9) for word in kept.split())  # no word cut in half


def test_postgresql_refuses_the_unbounded_text_and_indexes_the_bounded_one() -> None:
    """1.2 MB of distinct words overflow a tsvector; the bounded texts of a story fit."""
    huge = distinct_words(120_000)
    with pytest.raises(OperationalError, match="too long for tsvector"), transaction.atomic():
        vector_size(huge, huge, huge)
    assert vector_size(bounded(huge), bounded(huge), bounded(huge)) < 1_048_575
