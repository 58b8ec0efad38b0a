"""One Latin comparison key for a name across scripts and transliteration habits.

`normalize_name` keeps scripts and spellings apart ("Dmitrijew" is not "Dmitriev"), because an
actor is resolved only by an exact name or alias. To *suggest* actors, names are compared by
a looser key: Cyrillic transliterated to Latin, then the habits of German, English and Slavic
transliterations folded together ("w" is "v", "j" and "y" are "i", doubled letters are one).
"Kirill Dmitrijew", "Kirill Dmitriev", "Kirill Dmitryev" and "Кирилл Дмитриев" all have the
key "kiril dmitriev".
"""

from __future__ import annotations

import functools

from tracker.domain.names import normalize_name

#: Russian, Ukrainian and Belarusian letters (lower case, as normalize_name leaves them) and
#: their Latin spellings, in the same order ("-" for the signs that are not spelled).
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў"
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya i yi ye g u"
CYRILLIC_TO_LATIN = {
    char: "" if latin == "-" else latin
    for char, latin in zip(_CYRILLIC, _LATIN.split(), strict=True)
}
_BREVE = "\u0306"

#: Spellings of one sound in different transliterations, folded in this order.
FOLDS = (
    ("tsch", "ch"),  # German tsch for ch
    ("sch", "sh"),  # German sch for sh
    ("zh", "sh"),  # zh in English, sch or sh in German
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("x", "ks"),
    ("w", "v"),  # German w for v
    ("j", "i"),  # German j for y
    ("y", "i"),
)


def to_latin(text: str) -> str:
    """Return the text with Cyrillic letters transliterated (other characters kept)."""
    return "".join(CYRILLIC_TO_LATIN.get(char, char) for char in text.replace("и" + _BREVE, "й"))


@functools.lru_cache(maxsize=65536)  # pure; the directory computes it for every spelling
def latin_key(name: str) -> str:
    """Return the loose comparison key of a name: normalized, Latin, transliterations folded."""
    text = to_latin(normalize_name(name))
    for spelled, sound in FOLDS:
        text = text.replace(spelled, sound)
    out: list[str] = []
    for char in text:
        if not (out and out[-1] == char and char.isalpha()):
            out.append(char)  # doubled letters are one: "Kirill" is "kiril", "Dmitrijew" "dmitriev"
    return "".join(out)
