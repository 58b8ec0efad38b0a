"""Hostile JSON for the write endpoints: values at and past every bound, and where to aim them."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from tracker.domain import bounds

WIDE = "\U00020000"  # a 4-byte character: the widest UTF-8 there is
PAST_BOUND = [
    bounds.LANGUAGE_LENGTH,
    bounds.UNIT_LENGTH,
    64,
    80,
    bounds.TEXT_LENGTH,
    bounds.URL_LENGTH,
    2000,
    bounds.LONG_TEXT_LENGTH,
]
NUMBERS: list[Any] = [
    0,
    -0.0,
    1e23,
    1e24,
    -1e24,
    "999999999999999999999999.999999",
    "-999999999999999999999999.999999",
    "1000000000000000000000000",
    "0.000001",
    "0.0000001",
    "1E+100000",
    "1E-100000",
    2**31 - 1,
    2**31,
    2**63 - 1,
    2**63,
    -(2**63) - 1,
    10**300,
    1.7976931348623157e308,
    5e-324,
    float("nan"),
    float("inf"),
]
#: Times at the ends of the calendar: in UTC, as a year or day, and with offsets that leave it.
TIMES = [
    "0001-01-01T00:00:00+05:00",
    "0001-01-01T04:59:59+05:00",
    "0001-01-01T05:00:00+05:00",
    "0001-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59.999999-05:00",
    "9999-12-31T19:00:00-05:00",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999Z",
    "0001",
    "9999",
    "0001-01",
    "9999-12-31",
    "0000",
    "10000",
    "2025-02-30",
    "2025-04-02T24:01Z",
]
TEXTS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfff",
    "\ud83d",
    "\ufdfa" * bounds.TEXT_LENGTH,
    *(char * length for char in ("x", WIDE) for n in PAST_BOUND for length in (n, n + 1)),
]
SITE = "https://example.org/"
URLS = [
    SITE + "p" * (bounds.URL_LENGTH - len(SITE)),
    SITE + "p" * (bounds.URL_LENGTH + 1 - len(SITE)),
    SITE + WIDE * 295,  # 1200 characters, 1200 bytes and more
    SITE + "\u00e9" * 590,
    "javascript:alert(1)",
    "https://",
    "http://a b",
]
#: Units, periods and language codes: at and past their columns, in 1- and 4-byte characters.
SHORT = [char * n for char in ("u", WIDE) for n in (16, 17, 32, 33)] + ["de-" + "abcdefgh" * 2]
WRONG_TYPES: list[Any] = [None, True, False, 0, 1.5, "x", [], {}, [None], {"": None}, {"\x00": 1}]


def nested(depth: int) -> Any:
    """Return lists nested `depth` levels deep."""
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


ARRAYS: list[Any] = [
    *([{"name": f"Fuzz Actor {i}"} for i in range(n)] for n in (20, 21, 50, 51)),
    ["c"] * (bounds.LIST_ITEMS + 1),
    [0] * 10_000,
    *(nested(depth) for depth in (63, 64, 65, 300)),
]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)
#: One hostile value: a bound, a wrong type, or something hypothesis makes up.
hostile_values = st.one_of(
    st.sampled_from(NUMBERS + TIMES + TEXTS + WRONG_TYPES + ARRAYS),
    st.text(max_size=60),
    st.integers(),
    json_values,
)


@dataclass(frozen=True)
class Probe:
    """A bound to aim at: a field (of one development type, or of any) and values at and past it."""

    path: tuple[Any, ...]
    values: list[Any]
    type: str | None = None


SOURCE_PROBES = [
    Probe(("source", "published_at"), TIMES),
    Probe(("source", "url"), URLS),
    Probe(("source", "language"), SHORT),
    Probe(("source", "quote"), TEXTS),
]
DEVELOPMENT_PROBES = [
    *SOURCE_PROBES,
    Probe(("occurred_at",), TIMES),
    Probe(("reported_at",), TIMES),
    Probe(("effective_at",), TIMES, "sanctions_decision"),
    Probe(("value",), NUMBERS, "figure"),
    Probe(("unit",), SHORT, "figure"),
    Probe(("period",), SHORT, "figure"),
    Probe(("actors",), ARRAYS),
    Probe(("hosts",), ARRAYS, "visit"),
    Probe(("conditions",), ARRAYS, "statement"),
    Probe(("speaker",), TEXTS, "statement"),
    Probe(("summary",), TEXTS),
]
CORRECTION_PROBES = [
    *(Probe(("changes", *probe.path), probe.values, probe.type) for probe in DEVELOPMENT_PROBES),
    *SOURCE_PROBES,
    Probe(("reason",), TEXTS),
]
RETRACTION_PROBES = [*SOURCE_PROBES, Probe(("reason",), TEXTS)]
STORY_PROBES = [
    Probe(("title",), TEXTS),
    Probe(("slug",), TEXTS),
    Probe(("summary",), TEXTS),
    Probe(("language",), SHORT),
]
ACTOR_PROBES = [
    Probe(("name",), TEXTS),
    Probe(("aliases",), ARRAYS),
    Probe(("aliases", 0, "name"), TEXTS),
    Probe(("aliases", 0, "language"), SHORT),
    Probe(("description",), TEXTS),
    Probe(("wikidata",), TEXTS + NUMBERS),
]
ALIAS_PROBES = [Probe(("name",), TEXTS), Probe(("language",), SHORT)]
MERGE_PROBES = [Probe(("into",), TEXTS + WRONG_TYPES)]


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Return the path of every value inside a JSON body (itself included)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


def put(body: Any, path: tuple[Any, ...], value: Any) -> Any:
    """Return a copy of `body` with the value at `path` set (the body itself for ()).

    A path that does not lead into an object or list of `body` leaves the body as it is.
    """
    if not path:
        return value
    out = copy.deepcopy(body)
    try:
        parent = out
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = value
    except (KeyError, IndexError, TypeError):
        return body
    return out


@st.composite
def hostile_body(draw: st.DrawFn, body: Any, probe: Probe, fields: list[tuple[Any, ...]]) -> Any:
    """Draw `body` as it is, with the probe's field at or past its bound, with one to three
    hostile values anywhere (or in `fields` it may add), or both."""
    aimed, scattered = draw(
        st.sampled_from([(False, False), (True, False), (True, True), (False, True)])
    )
    if aimed:
        body = put(body, probe.path, draw(st.sampled_from(probe.values)))
    for _ in range(draw(st.integers(1, 3)) if scattered else 0):
        where = paths(body) + fields + [("unknown_field",)]
        body = put(body, draw(st.sampled_from(where)), draw(hostile_values))
    return body
