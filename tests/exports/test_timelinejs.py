"""The TimelineJS export: a title slide, one slide per development, precision, corrections."""

from __future__ import annotations

import json
from typing import Any

from tests.exports.support import VISIT_SUMMARY, amended_input, sample_input
from tracker.exports import timelinejs
from tracker.exports.base import ExportOptions


def render(story: Any) -> dict[str, Any]:
    """Return the TimelineJS document of an export input."""
    return dict(json.loads(timelinejs.render(story)))


def test_title_slide_and_one_slide_per_development() -> None:
    """The title slide carries the story's title; each development is a slide by event id."""
    story = sample_input()
    document = render(story)
    assert document["title"]["text"]["headline"].startswith("Kreml-Gesandter Dmitrijew")
    ids = [slide["unique_id"] for slide in document["events"]]
    assert ids == [item["event_id"] for item in story.timeline]
    assert len(ids) == 10


def test_start_dates_carry_only_what_the_precision_knows() -> None:
    """A year has only a year, a month adds the month, a day the day; display_date reads well."""
    slides = render(sample_input())["events"]
    by_text = {slide["display_date"]: slide["start_date"] for slide in slides}
    assert by_text["2021"] == {"year": 2021, "display_date": "2021"}
    assert by_text["April 2025"] == {"year": 2025, "month": 4, "display_date": "April 2025"}
    assert by_text["2. April 2025"] == {
        "year": 2025, "month": 4, "day": 2, "display_date": "2. April 2025",
    }  # fmt: skip
    # undated: placed on the day it was reported, and says so
    assert by_text["3. April 2025 (reported)"]["day"] == 3


def test_slides_hold_summary_quote_translation_source_and_group() -> None:
    """A slide's headline is the summary; its text the quote, translation and source."""
    visit = next(s for s in render(sample_input())["events"] if s["group"] == "Visit")
    assert visit["text"]["headline"].startswith("Kirill Dmitrijew, ein enger")
    assert '<blockquote lang="de">' in visit["text"]["text"]
    assert "Source: Der Spiegel" in visit["text"]["text"]
    groups = {slide["group"] for slide in render(sample_input())["events"]}
    assert {"Visit", "Talks", "Sanctions request", "Figure", "Statement"} <= groups


def test_corrections_show_the_current_value_and_retractions_are_left_out() -> None:
    """A corrected visit shows its new summary; the retracted statement has no slide."""
    story, visit, statement = amended_input()
    slides = {slide["unique_id"]: slide for slide in render(story)["events"]}
    assert slides[str(visit)]["text"]["headline"] == VISIT_SUMMARY
    assert "Corrected" in slides[str(visit)]["text"]["text"]
    assert str(statement) not in slides


def test_retracted_developments_are_marked_on_request() -> None:
    """With retracted=mark the retracted statement has a slide marked as retracted."""
    story, _, statement = amended_input(ExportOptions(retracted="mark"))
    slides = {slide["unique_id"]: slide for slide in render(story)["events"]}
    assert slides[str(statement)]["text"]["headline"].startswith("[Retracted]")
    assert "not in the article" in slides[str(statement)]["text"]["text"]


def test_text_is_escaped_and_only_web_links_are_made() -> None:
    """Markup in a summary is escaped, and a javascript: URL never becomes a link."""
    story = sample_input()
    item = story.timeline[0]
    item["summary"] = "<script>alert(1)</script>"
    item["source"] = {"outlet": "X", "url": "javascript:alert(1)"}
    slide = render(story)["events"][0]
    assert "<script>" not in slide["text"]["headline"]
    assert "javascript:" not in slide["text"]["text"]
