"""What PostgreSQL and the read models can hold: the bounds every payload field is checked against.

A value past one of these would be stored as an event and then fail to project (a poison
event), so the domain refuses it first. Each bound is also in the JSON schema (OpenAPI).
"""

from __future__ import annotations

from decimal import Decimal

#: Figure values: the read model's column is numeric(30, 6), so |value| < 10**24, 6 decimals.
FIGURE_DIGITS = 30
FIGURE_DECIMALS = 6
FIGURE_LIMIT = Decimal(10) ** (FIGURE_DIGITS - FIGURE_DECIMALS)

#: Short texts (names, titles, roles) and long ones (quotes, statements), in characters.
TEXT_LENGTH = 300
LONG_TEXT_LENGTH = 20_000
#: Times as text ("2025-04-02T14:30:00.123456+02:00" has 32 characters).
TIME_LENGTH = 64
#: Figure units and periods are varchar(32) columns; language codes varchar(16).
UNIT_LENGTH = 32
PERIOD_LENGTH = 32
LANGUAGE_LENGTH = 16
#: A source address shares an index entry with its outlet (btree entries hold ~2.7 kB).
URL_LENGTH = 1200
URL_BYTES = 1200
#: An actor's name, casefolded and decomposed (which can lengthen it), is an index key.
NORMALIZED_NAME_BYTES = 1500
#: Items of a list field (actors, hosts, parties, conditions, measures, sanctions, aliases).
LIST_ITEMS = 50
#: Fields named in one correction.
CHANGED_FIELDS = 30
#: Actors that one request may register by naming them for the first time.
NEW_ACTORS = 20


def check_storable(value: str) -> str:
    """Return `value` if PostgreSQL can store it as text (no NUL character); raise ValueError."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters (\\u0000)")
    return value


def check_url_bytes(value: str) -> str:
    """Return `value` if its UTF-8 form fits URL_BYTES; raise ValueError otherwise."""
    if len(value.encode("utf-8")) > URL_BYTES:
        raise ValueError(
            f"is too long (at most {URL_BYTES} bytes in UTF-8; other than ASCII characters "
            "count two to four)"
        )
    return value
