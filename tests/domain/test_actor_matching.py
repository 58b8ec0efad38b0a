"""Near spellings of actor names: Latin keys, edit distance by words, and the name index."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.actor_matching import NameIndex, compare, distance
from tracker.domain.names import normalize_name
from tracker.domain.transliteration import latin_key

KNOWN = [
    "Kirill Dmitrijew",
    "Kirill Dmitriev",
    "Кирилл Дмитриев",
    "Wladimir Putin",
    "Donald Trump",
    "USA",
    "Host Country A",
    "Actor 1",
    "Russia",
    "Karoline Leavitt",
]


def index() -> NameIndex:
    """Return an index of the known spellings."""
    return NameIndex(normalize_name(name) for name in KNOWN)


def near(name: str) -> list[tuple[str, str, int]]:
    """Return (spelling, reason, distance) of the known spellings close to `name`."""
    return [(m.normal, m.reason, m.distance) for m in index().near(name)]


@pytest.mark.parametrize(
    "spelling", ["Kirill Dmitrijew", "Kirill Dmitriev", "Kirill Dmitryev", "Кирилл Дмитриев"]
)
def test_transliterations_of_one_name_share_a_latin_key(spelling: str) -> None:
    """German, English and Cyrillic spellings of Dmitriev fold to one key."""
    assert latin_key(spelling) == "kiril dmitriev"


def test_cyrillic_letters_are_transliterated_and_other_scripts_kept() -> None:
    """Cyrillic letters become Latin ones; Greek stays Greek; accents go as in normalize_name."""
    assert latin_key("Хрущёв") == latin_key("Khrushchev") == "hrushchev"
    assert latin_key("Сергей Шойгу") == latin_key("Sergei Schoigu") == "sergei shoigu"
    assert latin_key("Ζαγόρα") == "ζαγορα"
    assert latin_key("Dmítrijew") == "dmitriev"


@pytest.mark.parametrize("asked", ["Dmitriev", "Dmitryev", "Dmitrijev", "Дмитриев", "Dmitirev"])
def test_a_surname_alone_is_part_of_every_spelling_of_the_full_name(asked: str) -> None:
    """The issue's spellings each find the three spellings of Kirill Dmitrijew."""
    found = near(asked)
    assert {spelling for spelling, _, _ in found} == {
        "kirill dmitrijew",
        "kirill dmitriev",
        "кирилл дмитриев",
    }
    assert {reason for _, reason, _ in found} == {"part_of_name"}


def test_reasons_say_how_the_names_are_close() -> None:
    """Same key: transliteration; swapped words: word_order; letters off: spelling."""
    assert near("Kirill Dmitriyev")[0] == ("kirill dmitriev", "transliteration", 0)
    assert near("Dmitriev Kirill")[0][1:] == ("word_order", 0)
    assert near("Karolina Levitt") == [("karoline leavitt", "spelling", 2)]
    assert near("Putin") == [("wladimir putin", "part_of_name", 0)]
    assert ("wladimir putin", "part_of_name", 0) in near("Wladimir Wladimirowitsch Putin")


@pytest.mark.parametrize(
    "asked",
    [
        "Host Country B",  # one-letter words must be equal
        "Actor 2",  # so must words with digits
        "UAE",  # short names must be equal
        "Russian Direct Investment Fund",  # a part may not be misspelled at 7 letters
        "Trump 2",  # the longer name's further words hold digits
        "Kirill Petrov",  # one shared word of two is not a spelling
        "Putim",  # a part is misspelled
        "A",
    ],
)
def test_names_that_only_look_alike_are_not_offered(asked: str) -> None:
    """Distinguishing words, short names and loose parts keep names apart."""
    assert near(asked) == []


def test_a_name_is_not_near_itself() -> None:
    """The index leaves out the spelling asked about (that one resolves exactly)."""
    assert "donald trump" not in {spelling for spelling, _, _ in near("Donald Trump")}


def test_compare_is_symmetric_in_its_verdict() -> None:
    """Whether the new or the known name is the longer, a part is a part."""
    assert compare(("dmitriev",), ("kiril", "dmitriev")) == ("part_of_name", 0)
    assert compare(("kiril", "dmitriev"), ("dmitriev",)) == ("part_of_name", 0)


def test_the_index_learns_new_spellings() -> None:
    """A spelling added later is found, and adding it twice changes nothing."""
    names = index()
    names.add(normalize_name("Steve Witkoff"))
    names.add(normalize_name("Steve Witkoff"))
    assert names.size == len(KNOWN) + 1
    assert [m.normal for m in names.near("Witkof")] == ["steve witkoff"]


def _reference_distance(a: str, b: str) -> int:
    """Return the optimal string alignment distance by the textbook table."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        table[i][0] = i
    for j in range(len(b) + 1):
        table[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


@given(st.text("abcd", max_size=8), st.text("abcd", max_size=8), st.integers(0, 4))
def test_distance_agrees_with_the_full_table_up_to_its_limit(a: str, b: str, limit: int) -> None:
    """The banded, early-stopping distance is the textbook one, or limit + 1 beyond the limit."""
    expected = _reference_distance(a, b)
    assert distance(a, b, limit) == (expected if expected <= limit else limit + 1)
