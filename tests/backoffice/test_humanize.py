"""Numbers, times and ids in human form, with the exact value on hover (filters and helpers)."""

from __future__ import annotations

from datetime import UTC, datetime

from django.template import Context, Template

from tracker.backoffice import humanize


def render(text: str, **context: object) -> str:
    """Render a template snippet with the newsroom filters loaded."""
    return Template("{% load newsroom %}" + text).render(Context(context))


def test_numbers_are_short_with_their_unit() -> None:
    """35000000000 USD reads 35 bn USD; small numbers keep their digits, grouped."""
    assert humanize.number_text("35000000000", "USD") == "35 bn USD"
    assert humanize.number_text(3500000000, "USD") == "3.5 bn USD"
    assert humanize.number_text("2500000", "t") == "2.5 m t"
    assert humanize.number_text("12500", "bbl") == "12,500 bbl"
    assert humanize.number_text("12.345", "%") == "12.35%"
    assert humanize.number_text("0.0004") == "0.0004"
    assert humanize.number_text("not a number", "USD") == "not a number USD"


def test_exact_numbers_keep_every_digit() -> None:
    """The hover text is the whole value, digits grouped."""
    assert humanize.number_exact("35000000000", "USD") == "35,000,000,000 USD"
    assert humanize.number_exact("1234567.891") == "1,234,567.891"


def test_times_read_to_the_minute_in_utc() -> None:
    """A microsecond ISO timestamp reads 3 Apr 2025, 08:15; the exact value stays for hover."""
    stamp = "2025-04-03T08:15:00.312256Z"
    assert humanize.moment_text(stamp) == "3 Apr 2025, 08:15"
    assert humanize.moment_exact(stamp) == "2025-04-03 08:15:00.312256 UTC"
    assert humanize.moment_text("2025-04-03T10:15:00+02:00") == "3 Apr 2025, 08:15"
    assert humanize.moment_text(datetime(2025, 4, 3, 8, 15, tzinfo=UTC)) == "3 Apr 2025, 08:15"
    assert humanize.moment_text("soon") == "soon"


def test_occurred_dates_keep_their_precision() -> None:
    """A year, a month or a day is written as far as it is known, never to the minute."""
    start = "2025-04-01T00:00:00Z"
    assert humanize.occurred_text(start, "year") == "2025"
    assert humanize.occurred_text(start, "month") == "Apr 2025"
    assert humanize.occurred_text("2025-04-02T00:00:00Z", "day") == "2 Apr 2025"
    assert humanize.occurred_text("2025-04-02T14:30:05.5Z", "exact") == "2 Apr 2025, 14:30"
    assert humanize.occurred_text(None, None) == "date not known"
    assert humanize.occurred_exact(start, "month") == "2025-04 (known to the month)"


def test_filters_put_the_exact_value_in_the_title() -> None:
    """The filters render the human form with the stored value in a title attribute."""
    html = render("{{ value|amount:unit }}", value="35000000000", unit="USD")
    assert html == '<span class="number" title="35,000,000,000 USD">35 bn USD</span>'
    html = render("{{ when|moment }}", when="2025-04-03T08:15:00.312256Z")
    assert 'title="2025-04-03 08:15:00.312256 UTC">3 Apr 2025, 08:15</time>' in html
    assert 'datetime="2025-04-03T08:15:00.312256+00:00"' in html
    html = render("{{ when|occurred:'month' }}", when="2025-04-01T00:00:00Z")
    assert html.endswith('title="2025-04 (known to the month)">Apr 2025</time>')
    assert render("{{ when|moment }}", when=None) == "—"
    event = "e72c1a56-a145-5412-9cdc-25892ed45cf9"
    html = render("{{ event|short_id }}", event=event)
    assert html == f'<abbr class="short-id" title="{event}">e72c1a56</abbr>'


def test_filters_escape_what_they_show() -> None:
    """Text that is not a number or a time is escaped, never injected."""
    assert "<b>" not in render("{{ value|amount:unit }}", value="<b>", unit="USD")
    assert "<b>" not in render("{{ value|moment }}", value="<b>")
