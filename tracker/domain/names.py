"""Actor names across languages and scripts: normalization, deterministic ids and slugs."""

from __future__ import annotations

import functools
import re
import unicodedata
from uuid import UUID, uuid5

#: Namespace of actor ids derived from names; never change it (ids are stored).
ACTOR_NAMESPACE = UUID("6f1b3c62-4d0e-5a8b-9f43-7c2e1d5a9b10")

_APOSTROPHES = frozenset("'\u2019\u02bc\u2018`\u00b4")
_CYRILLIC_I = frozenset("\u0438\u0418")  # и, И: with a breve they make й, a letter of its own
_BREVE = "\u0306"
_SPACES = re.compile(r"\s+")


def _caseless(text: str) -> str:
    """Return the compatibility caseless form of a text (Unicode D145: fold, NFKD, twice).

    Casefolding once before NFKD is not enough: a decomposition can bring capitals back
    (U+1D6E2 MATHEMATICAL ITALIC CAPITAL ALPHA decomposes to a Greek capital alpha, "™" to "TM").
    """
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFD", text).casefold())
    return unicodedata.normalize("NFKD", folded.casefold())


@functools.lru_cache(maxsize=65536)  # pure and called for every actor of every document
def normalize_name(name: str) -> str:
    """Return the comparison form of a name: casefolded, unaccented, no punctuation.

    Accents are dropped by NFKD decomposition ("Dmítrijew" -> "dmitrijew"), scripts are
    kept (Cyrillic stays Cyrillic; "й" keeps its breve, "ё" loses its diaeresis). Apostrophes
    vanish ("O'Brien" -> "obrien"), other punctuation separates words ("Jean-Luc" ->
    "jean luc"). Different transliterations stay different names ("Dmitrijew" is not
    "Dmitriev") until an alias or a merge says otherwise.
    """
    out: list[str] = []
    previous = ""
    for char in _caseless(name):
        if unicodedata.combining(char):
            if char == _BREVE and previous in _CYRILLIC_I:
                out.append(char)
            continue
        previous = char
        if char in _APOSTROPHES:
            continue
        category = unicodedata.category(char)
        out.append(" " if category[0] == "P" or category[0] == "Z" else char)
    text = unicodedata.normalize("NFC", "".join(out))
    return _SPACES.sub(" ", text).strip()


def actor_id_for_name(name: str) -> UUID:
    """Return the actor id that an unknown name registers under (uuid5 of its normal form)."""
    normal = normalize_name(name)
    if not normal:
        raise ValueError(f"name {name!r} has no letters or digits")
    return uuid5(ACTOR_NAMESPACE, normal)


def slugify(text: str, max_length: int = 80) -> str:
    """Return a URL slug for a title: lower case words joined by hyphens, accents dropped."""
    words = re.findall(r"[^\W_]+", normalize_name(text).replace("\u0306", ""))
    slug = "-".join(words)
    return slug[:max_length].rstrip("-")
