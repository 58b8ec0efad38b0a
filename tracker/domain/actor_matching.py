"""Which known names are close to a new one: edit distance over transliteration keys, by words.

Two names are compared word by word on their `latin_key`s, in any order. Each word may be
misspelled within an allowance that grows with its length (none up to 3 letters, 1 up to 7,
2 beyond); words holding digits must be equal ("Actor 1" is not "Actor 2"). Names of as many
words are a `transliteration` (the same key) or a `spelling` (close keys); when one name's
words are all in the other ("Dmitriev" in "Kirill Dmitriev"), it is `part_of_name`, provided
the shared words have 4 letters or more, each is misspelled by one edit less than its allowance
("Russian" is not a part "Russia"), and the other name's further words hold no digits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.domain.names import normalize_name
from tracker.domain.transliteration import latin_key

TRANSLITERATION, WORD_ORDER = "transliteration", "word_order"
SPELLING, PART_OF_NAME = "spelling", "part_of_name"
REASON_RANK = {TRANSLITERATION: 0, WORD_ORDER: 1, SPELLING: 2, PART_OF_NAME: 3}
MIN_PART_LETTERS = 4  # a shorter name (or initials) is not worth asking about as a part


def allowance(length: int) -> int:
    """Return how many edits a word (or a whole name) of `length` letters may differ by."""
    if length <= 3:
        return 0
    return 1 if length <= 7 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Return the edit distance (with adjacent transpositions) of a and b, or limit + 1 beyond."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            cost = 0 if char == other else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1] if row[-1] <= limit else limit + 1


def _exact_only(word: str) -> bool:
    return len(word) <= 3 or any(char.isdigit() for char in word)


def _word_distance(a: str, b: str, stricter: int = 0) -> int | None:
    """Return the distance of two words if they are close enough to be one, else None."""
    if a == b:
        return 0
    if _exact_only(a) or _exact_only(b):
        return None
    limit = allowance(min(len(a), len(b))) - stricter
    found = distance(a, b, limit)
    return found if found <= limit else None


@dataclass(frozen=True)
class NameMatch:
    """A known name (normalized) close to the one asked about: how, and by how many edits."""

    normal: str
    reason: str
    distance: int

    def rank(self) -> tuple[int, int, str]:
        """Return the sort key: closer kinds of match first, then fewer edits."""
        return (REASON_RANK[self.reason], self.distance, self.normal)


def compare(asked: tuple[str, ...], known: tuple[str, ...]) -> tuple[str, int] | None:
    """Return (reason, distance) when two word lists (latin keys) name one actor, else None."""
    short, long = (asked, known) if len(asked) <= len(known) else (known, asked)
    if not short:
        return None
    unused = list(long)
    total = 0
    part = len(short) < len(long)
    for word in sorted(short, key=len, reverse=True):
        options = [(d, w) for w in unused if (d := _word_distance(word, w, part)) is not None]
        if not options:
            return None
        best, chosen = min(options)
        unused.remove(chosen)
        total += best
    if not part:
        if total:
            return SPELLING, total
        return (TRANSLITERATION if asked == known else WORD_ORDER), 0
    if sum(len(word) for word in short) < MIN_PART_LETTERS:
        return None
    if any(char.isdigit() for word in unused for char in word):
        return None
    return PART_OF_NAME, total


class NameIndex:
    """Every known spelling's words by latin key, and each word's trigrams, to find near names."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.words_of: dict[str, tuple[str, ...]] = {}
        self.names_with: dict[str, set[str]] = {}
        self.words_with: dict[str, set[str]] = {}
        for normal in names:
            self.add(normal)

    @property
    def size(self) -> int:
        """Return how many spellings the index holds."""
        return len(self.words_of)

    def add(self, normal: str) -> None:
        """Index one normalized spelling (a name or an alias)."""
        if normal in self.words_of:
            return
        words = tuple(latin_key(normal).split())
        self.words_of[normal] = words
        for word in words:
            known = word in self.names_with
            self.names_with.setdefault(word, set()).add(normal)
            if not known and not _exact_only(word):
                for gram in _trigrams(word):
                    self.words_with.setdefault(gram, set()).add(word)

    def near(self, name: str) -> list[NameMatch]:
        """Return the indexed spellings close to `name` (not equal to it), best first."""
        normal = normalize_name(name)
        asked = tuple(latin_key(normal).split())
        spellings: set[str] = set()
        for word in asked:
            for similar in self._similar_words(word):
                spellings.update(tuple(self.names_with.get(similar, ())))
        found = []
        for spelling in spellings - {normal}:
            match = compare(asked, self.words_of[spelling])
            if match is not None:
                found.append(NameMatch(spelling, *match))
        return sorted(found, key=NameMatch.rank)

    def _similar_words(self, word: str) -> list[str]:
        """Return the indexed words within the word's allowance (itself included, if indexed)."""
        exact = [word] if word in self.names_with else []
        if _exact_only(word):
            return exact
        grams = _trigrams(word)
        limit = allowance(len(word))
        needed = max(1, len(grams) - 4 * limit)  # an edit spoils at most 4 of a word's trigrams
        shared: Counter[str] = Counter()
        for gram in grams:
            shared.update(tuple(self.words_with.get(gram, ())))
        return exact + [
            other
            for other, count in shared.items()
            if count >= needed and other != word and _word_distance(word, other) is not None
        ]


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
