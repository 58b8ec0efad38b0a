"""PLOVER JSON Lines and ACLED-shaped CSV: fields, precision, codes, deletions, parse back."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hypothesis import given, settings

from tests.domain.generators import commands, run
from tests.exports.support import amended_input, memory_input, sample_input
from tracker.exports import csvfile, plover, registry
from tracker.exports.base import ExportOptions


def lines(body: bytes) -> list[dict[str, Any]]:
    """Return the records of a JSON Lines body (each line one JSON object)."""
    assert body == b"" or body.endswith(b"\n")
    return [json.loads(line) for line in body.decode().splitlines()]


def rows(body: bytes) -> list[dict[str, str]]:
    """Return the rows of a CSV body, read back with the csv module."""
    return list(csv.DictReader(io.StringIO(body.decode(), newline="")))


def test_plover_records_have_the_required_fields_and_the_derived_codes() -> None:
    """Every record has id, date, actor, event; the visit is CONSULT/visit, quad 1, CAMEO 042."""
    story = sample_input()
    records = lines(plover.render(story))
    assert [r["id"] for r in records] == [item["event_id"] for item in story.timeline]
    for record in records:
        assert {"id", "date", "actor", "event"} <= record.keys()
        assert len(record["date"]) == 10  # YYYY-MM-DD
    visit = next(r for r in records if r.get("cameo") == "042")
    assert visit["event"] == ["CONSULT"] and visit["mode"] == "visit" and visit["quad_code"] == 1
    assert visit["actor"][0]["identifier_text"] == "Kirill Dmitrijew"
    assert visit["recipient"][0]["identifier_text"] == "USA"
    assert visit["cite_info"]["publication"] == "Der Spiegel"
    assert visit["cite_info"]["language"] == "de"
    request = next(r for r in records if r.get("cameo") == "0254")
    assert request["context"] == ["economic"] and request["quad_code"] == 3


def test_plover_dates_honour_precision() -> None:
    """A month is its first day to its last (enddate); a year likewise; a day has no enddate."""
    records = lines(plover.render(sample_input()))
    by_precision = {r["date_precision"]: r for r in records}
    month = by_precision["month"]
    assert (month["date"], month["enddate"]) == ("2025-04-01", "2025-04-30")
    year = by_precision["year"]
    assert year["date"].endswith("-01-01") and year["enddate"].endswith("-12-31")
    visit = next(r for r in records if r.get("cameo") == "042")
    assert visit["date_precision"] == "day" and visit["date"] == "2025-04-02"
    assert "enddate" not in visit and "time" not in visit


def test_plover_leaves_retracted_developments_out_unless_marked() -> None:
    """The retracted statement has no record, or a record marked retracted on request."""
    story, _, statement = amended_input()
    assert str(statement) not in {r["id"] for r in lines(plover.render(story))}
    marked, _, _ = amended_input(ExportOptions(retracted="mark"))
    found = {r["id"]: r for r in lines(plover.render(marked))}
    assert found[str(statement)]["retracted"] is True


def test_csv_parses_back_one_row_per_development_in_acled_columns() -> None:
    """The CSV has ACLED-named columns and one row per development, values as shown."""
    story = sample_input()
    table = rows(csvfile.render(story))
    assert list(table[0].keys()) == list(csvfile.COLUMNS)
    assert [row["event_id"] for row in table] == [item["event_id"] for item in story.timeline]
    visit = next(row for row in table if row["event_type"] == "visit")
    assert visit["event_date"] == "2025-04-02" and visit["time_precision"] == "1"
    assert (visit["actor1"], visit["actor2"]) == ("Kirill Dmitrijew", "USA")
    assert visit["cameo"] == "042" and visit["plover_event"] == "CONSULT"
    assert visit["source"] == "Der Spiegel" and visit["source_language"] == "de"
    month = next(row for row in table if row["date_precision"] == "month")
    assert month["time_precision"] == "3" and month["occurred_at"] == "2025-04"
    confirmed = [row for row in table if row["confirmation"] == "confirmed"]
    assert confirmed and all(row["confirmed_by"] for row in confirmed)


def test_csv_timestamps_and_deletions_let_a_dataset_update_incrementally() -> None:
    """A correction moves its row's timestamp; the retraction is in the deletions feed only."""
    before = {row["event_id"]: row for row in rows(csvfile.render(sample_input()))}
    story, visit, statement = amended_input()
    after = {row["event_id"]: row for row in rows(csvfile.render(story))}
    assert int(after[str(visit)]["timestamp"]) > int(before[str(visit)]["timestamp"])
    assert after[str(visit)]["corrections"] == "1" and after[str(visit)]["status"] == "corrected"
    assert str(statement) not in after
    [deleted] = rows(csvfile.render_deletions(story))
    assert deleted["event_id"] == str(statement)
    assert int(deleted["deleted_timestamp"]) >= int(after[str(visit)]["timestamp"])
    assert rows(csvfile.render_deletions(sample_input())) == []


@settings(max_examples=40)
@given(commands)
def test_every_format_renders_every_generated_story(steps: Any) -> None:
    """Each registered format renders generated stories; line and row counts match."""
    result = run(steps)
    for retracted in ("omit", "mark"):
        story = memory_input(result.store, result.story_id, ExportOptions(retracted=retracted))
        outputs = {name: fmt.render(story) for name, fmt in registry.FORMATS.items()}
        shown = [
            item for item in story.timeline if retracted == "mark" or item["status"] != "retracted"
        ]
        assert len(lines(outputs["plover"])) == len(shown)
        assert len(rows(outputs["csv"])) == len(shown)
        assert len(json.loads(outputs["timelinejs"])["events"]) == len(shown)
        gone = [item for item in story.timeline if item["status"] == "retracted"]
        assert len(rows(outputs["csv-deletions"])) == len(gone)


def test_an_exact_time_gives_plover_a_time_and_timelinejs_the_hour() -> None:
    """An exact occurred_at: PLOVER date + 'T' + time is the ISO time; TimelineJS has h:m:s."""
    from tracker.exports import timelinejs
    from tracker.exports.common import when

    item = {"occurred_at": "2025-04-02T10:30:05Z", "occurred_precision": "exact"}
    dated = plover.dates(item)
    assert f"{dated['date']}T{dated['time']}" == "2025-04-02T10:30:05Z"
    start = timelinejs.start_date(when(item), "x")
    assert (start["day"], start["hour"], start["minute"], start["second"]) == (2, 10, 30, 5)
