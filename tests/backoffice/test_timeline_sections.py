"""The story page's timeline: precision-aware order, month sections, badges, history, sources."""

from __future__ import annotations

from typing import Any

from tracker.backoffice.presenters import timeline_entries
from tracker.backoffice.sources import sources_by_outlet
from tracker.backoffice.timeline_sections import OPEN_ALL_UP_TO, timeline_order, timeline_sections


def item(name: str, occurred_at: str | None, precision: str | None, **more: Any) -> dict[str, Any]:
    """Return a development view as the timeline holds it."""
    return {"event_id": name, "occurred_at": occurred_at, "occurred_precision": precision, **more}


def names(entries: list[Any]) -> list[str]:
    """Return the event ids of a list of developments."""
    return [entry["event_id"] for entry in entries]


def test_a_month_comes_after_the_days_it_contains() -> None:
    """April 2025 (month precision) sorts after 2 and 30 April, before 1 May; a year after all."""
    given = [
        item("april", "2025-04-01T00:00:00Z", "month"),
        item("year-2025", "2025-01-01T00:00:00Z", "year"),
        item("may-1-midnight", "2025-05-01T00:00:00Z", "exact"),
        item("april-30", "2025-04-30T00:00:00Z", "day"),
        item("april-2-noon", "2025-04-02T12:00:00Z", "exact"),
        item("april-2", "2025-04-02T00:00:00Z", "day"),
        item("undated", None, None),
        item("march", "2025-03-01T00:00:00Z", "month"),
        item("december", "2025-12-31T00:00:00Z", "day"),
    ]
    assert names(timeline_order(given)) == [
        "march", "april-2-noon", "april-2", "april-30", "april", "may-1-midnight",
        "december", "year-2025", "undated",
    ]  # fmt: skip


def test_ties_keep_the_order_given() -> None:
    """Two developments of the same day stay in the order the story recorded them."""
    given = [item("first", "2025-04-02T00:00:00Z", "day"), item("second", "2025-04-02", "day")]
    assert names(timeline_order(given)) == ["first", "second"]


def test_sections_group_by_month_with_a_year_alone_last() -> None:
    """Sections are months; a year known alone follows that year's months; undated ones last."""
    given = [
        item("y2021", "2021-01-01T00:00:00Z", "year"),
        item("april", "2025-04-01T00:00:00Z", "month"),
        item("april-2", "2025-04-02T00:00:00Z", "day"),
        item("y2025", "2025-01-01T00:00:00Z", "year"),
        item("undated", None, None),
    ]
    sections = timeline_sections(given)
    assert [(s["id"], s["title"], s["label"]) for s in sections] == [
        ("when-2021", "2021", "2021"),
        ("when-2025-04", "April 2025", "Apr 2025"),
        ("when-2025", "2025, month not known", "2025"),
        ("when-undated", "Date not known", "date not known"),
    ]
    assert names(sections[1]["entries"]) == ["april-2", "april"]
    assert all(section["open"] for section in sections)


def test_a_long_timeline_opens_only_its_newest_sections() -> None:
    """Past OPEN_ALL_UP_TO developments, older months start closed, the newest two open."""
    given = [
        item(f"m{month}-{day}", f"2024-{month:02d}-{day:02d}T00:00:00Z", "day")
        for month in range(1, 7)
        for day in range(1, 4)
    ]
    assert len(given) > OPEN_ALL_UP_TO
    opened = [section["open"] for section in timeline_sections(given)]
    assert opened == [False, False, False, False, True, True]


def test_badges_only_where_confirmation_means_something() -> None:
    """No "unconfirmed" badge on figures, confirmations or retracted ones; verdicts always show."""
    unconfirmed = {"status": "unconfirmed", "by": [], "event_ids": []}
    confirmed = {"status": "confirmed", "by": ["Donald Trump"], "event_ids": ["c"]}
    entries = timeline_entries(
        [
            item("figure", "2021-01-01T00:00:00Z", "year", type="figure", confirmation=unconfirmed),
            item("visit", "2025-04-02T00:00:00Z", "day", type="visit", confirmation=unconfirmed),
            item("gone", None, None, type="visit", status="retracted", confirmation=unconfirmed),
            item("seen", None, None, type="figure", confirmation=confirmed),
        ]
    )
    badges = {entry["event_id"]: entry["badge"] for entry in entries}
    assert badges["figure"] is None and badges["gone"] is None
    assert badges["visit"] == {"status": "unconfirmed", "text": "unconfirmed"}
    assert badges["seen"] == {"status": "confirmed", "text": "confirmed by Donald Trump"}


def test_fields_read_as_words_and_figures_as_amounts() -> None:
    """Choices read with spaces, empty and false fields are left out, a value keeps its unit."""
    [visit, figure] = timeline_entries(
        [
            item("v", None, None, type="visit", data={
                "destination": "Moscow", "status": "under_way", "hosts": [], "purpose": None,
            }),
            item("f", None, None, type="figure", data={
                "metric": "Trade", "value": "35000000000", "unit": "USD", "note": "",
            }),
        ]
    )  # fmt: skip
    assert [(f["label"], f["text"]) for f in visit["fields"]] == [
        ("destination", "Moscow"),
        ("status", "under way"),
    ]
    assert [f["label"] for f in figure["fields"]] == ["metric", "value"]
    assert figure["fields"][1]["number"] == {"value": "35000000000", "unit": "USD"}


def test_history_names_what_the_editor_changed_not_the_codes() -> None:
    """A correction's history leaves out the derived CAMEO and PLOVER codes."""
    history = [
        {
            "event_id": "c1",
            "kind": "correction",
            "changes": {
                "status": {"old": "stalled", "new": "resumed"},
                "cameo": {"old": "040", "new": "046"},
                "plover": {"old": {"event": "CONSULT"}, "new": {"event": "AGREE"}},
            },
        }
    ]
    [talks] = timeline_entries([item("t", None, None, type="talks", history=history)])
    assert talks["history"][0]["changes"] == [
        {"field": "status", "old": "stalled", "new": "resumed"}
    ]


def test_each_outlet_is_listed_once_with_its_addresses() -> None:
    """The same outlet with and without a URL is one source, its developments counted once."""
    given: list[dict[str, Any]] = [
        {"outlet": "Der Spiegel", "url": None, "language": "de", "developments": ["a", "b"]},
        {"outlet": "TASS", "url": None, "language": "ru", "developments": ["c"]},
        {
            "outlet": "der  spiegel",
            "url": "https://www.spiegel.de/ausland/dmitrijew-a-1.html",
            "language": "de",
            "developments": ["d"],
        },
    ]
    spiegel, tass = sources_by_outlet(given)
    assert spiegel["outlet"] == "Der Spiegel" and spiegel["developments"] == ["a", "b", "d"]
    assert spiegel["languages"] == ["de"]
    assert spiegel["links"] == [
        {
            "url": "https://www.spiegel.de/ausland/dmitrijew-a-1.html",
            "text": "spiegel.de/ausland/dmitrijew-a-1.html",
        }
    ]
    assert tass["outlet"] == "TASS" and tass["links"] == []
