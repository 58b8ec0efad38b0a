"""export_events and import_events: an exact round trip, resumable exports, loud refusals."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError
from sqlalchemy import create_engine

from tests.ops.backup_support import (
    event_count,
    manage,
    read_models,
    second_database,
    varied_store,
)
from tests.projections.support import database_url
from tracker import bootstrap
from tracker.eventstore import jsonl, migrate
from tracker.eventstore.exporting import export_events, export_range
from tracker.eventstore.importing import import_events
from tracker.eventstore.schema import events
from tracker.projections.rebuild import rebuild

pytestmark = pytest.mark.django_db(transaction=True)


def export_to(path: Path, *args: str) -> bytes:
    """Run export_events into `path` in this process; return the file's bytes."""
    call_command("export_events", "--output", str(path), "--no-progress", *args)
    return path.read_bytes()


def test_round_trip_through_a_second_database_is_byte_exact_with_the_same_read_models(
    tmp_path: Path,
) -> None:
    """Export, import into an empty database, export again: same bytes, same read models."""
    varied_store()
    first = export_to(tmp_path / "first.jsonl")
    lines = first.splitlines()
    header = json.loads(lines[0])
    assert header["columns"] == [column.name for column in events.columns]
    assert header["after"] == 0
    stored = [json.loads(line) for line in lines[1:]]
    assert len(stored) == event_count(database_url())
    assert [event["position"] for event in stored] == sorted(e["position"] for e in stored)
    assert {"development_corrected", "development_retracted"} <= {
        event["event_type"] for event in stored
    }
    sample = stored[-1]
    assert sample["recorded_at"].endswith("+00:00") and "." in sample["recorded_at"]
    assert isinstance(sample["data"], dict) and len(sample["event_id"]) == 36
    rebuild(bootstrap.event_store())
    heads = tmp_path / "heads.json"
    call_command("verify_store", "--save-heads", str(heads), "--no-progress")
    with second_database() as url:
        migrated = manage(url, "migrate_all", "--no-progress", "-v", "0")
        assert migrated.returncode == 0, migrated.stderr
        imported = manage(url, "import_events", str(tmp_path / "first.jsonl"), "--no-progress")
        assert imported.returncode == 0, imported.stderr
        assert f"imported {len(stored)} events" in imported.stdout
        second = manage(url, "export_events", "--output", str(tmp_path / "second.jsonl"))
        assert second.returncode == 0, second.stderr
        assert (tmp_path / "second.jsonl").read_bytes() == first
        verified = manage(url, "verify_projections", "--no-progress")
        assert verified.returncode == 0, verified.stdout + verified.stderr
        assert read_models(url) == read_models(database_url())
        chains = manage(url, "verify_store", "--check-heads", str(heads), "--no-progress")
        assert chains.returncode == 0, chains.stdout + chains.stderr
        assert json.loads(heads.read_text())["root"] in chains.stdout


def test_an_interrupted_export_resumed_into_the_same_file_equals_an_uninterrupted_one(
    tmp_path: Path,
) -> None:
    """Stopped between batches, or cut mid-line or mid-header, the rerun completes the file."""
    varied_store()
    whole = export_to(tmp_path / "whole.jsonl")
    stopped = tmp_path / "stopped.jsonl"

    def stop_after_two_batches(count: int, calls: list[int] = []) -> None:  # noqa: B006
        calls.append(count)
        if len(calls) == 2:
            raise KeyboardInterrupt

    engine = bootstrap.engine()
    with open(stopped, "ab") as out, pytest.raises(KeyboardInterrupt):
        export_events(
            engine, out, export_range(engine, 0), batch=3, progress=stop_after_two_batches
        )
    assert len(stopped.read_bytes().splitlines()) == 1 + 2 * 3
    assert export_to(stopped) == whole
    header_end = whole.index(b"\n") + 1
    for cut in (5, header_end, header_end + 40, len(whole) // 2, len(whole) - 1):
        partial = tmp_path / f"cut_{cut}.jsonl"
        partial.write_bytes(whole[:cut])
        assert export_to(partial) == whole, f"cut at byte {cut}"
    assert export_to(stopped) == whole  # a finished export resumed again adds nothing


def test_export_after_a_position_holds_only_later_events_and_is_no_full_backup(
    tmp_path: Path,
) -> None:
    """--after P exports the events above P; a file that already holds an export keeps its own."""
    varied_store()
    whole = export_to(tmp_path / "whole.jsonl").splitlines()
    middle = json.loads(whole[len(whole) // 2])["position"]
    later = export_to(tmp_path / "later.jsonl", "--after", str(middle)).splitlines()
    assert json.loads(later[0])["after"] == middle
    assert later[1:] == whole[len(whole) // 2 + 1 :]
    with pytest.raises(CommandError, match="resumes from there"):
        export_to(tmp_path / "whole.jsonl", "--after", "1")
    with pytest.raises(CommandError, match="not an export"):
        (tmp_path / "notes.txt").write_text("my notes")
        export_to(tmp_path / "notes.txt")
    assert (tmp_path / "notes.txt").read_text() == "my notes"  # never truncated
    with pytest.raises(CommandError, match="needs a full export"):
        call_command("import_events", str(tmp_path / "later.jsonl"), "--no-progress")


def test_import_refuses_a_store_that_holds_events_and_exits_non_zero(tmp_path: Path) -> None:
    """Importing into the (non-empty) test store fails loudly and stores nothing."""
    varied_store()
    export_to(tmp_path / "backup.jsonl")
    before = event_count(database_url())
    refused = manage(database_url(), "import_events", str(tmp_path / "backup.jsonl"))
    assert refused.returncode == 1
    assert "already holds events" in refused.stderr
    assert event_count(database_url()) == before


def test_import_refuses_malformed_files_and_leaves_the_store_empty(tmp_path: Path) -> None:
    """Shuffled positions, a cut last line or other columns are refused, and nothing is stored."""
    varied_store()
    lines = export_to(tmp_path / "backup.jsonl").splitlines(keepends=True)
    header = json.loads(lines[0])
    other = {**header, "columns": [*header["columns"], "extra"]}
    files = {
        "does not follow": [lines[0], *lines[1:][::-1]],
        "cut short": [*lines[:-1], lines[-1][:-10]],
        "not in the table: ['extra']": [json.dumps(other).encode() + b"\n", *lines[1:]],
        "not a 'tracker-events' header": [b"{}\n", *lines[1:]],
    }
    with second_database() as url:
        engine = create_engine(migrate.sqlalchemy_url(url))
        migrate.upgrade(engine)
        try:
            for message, content in files.items():
                with pytest.raises(jsonl.BackupFormatError, match=message.replace("[", r"\[")):
                    import_events(engine, iter(content), batch=4)
                assert event_count(url) == 0
            report = import_events(engine, iter(lines), batch=4)
            assert report.events == len(lines) - 1 == event_count(url)
        finally:
            engine.dispose()


def test_help_of_both_commands_names_their_arguments() -> None:
    """--help explains the output, the resume point, the file and the empty-store rule."""
    helps = {
        name: load_command_class("tracker.ops", name).create_parser("manage.py", name).format_help()
        for name in ("export_events", "import_events")
    }
    assert "--output" in helps["export_events"] and "--after" in helps["export_events"]
    assert "resumes" in helps["export_events"]
    assert "file" in helps["import_events"] and "EMPTY" in helps["import_events"]


def test_jsonb_numbers_keep_every_digit_when_read_back() -> None:
    """A number PostgreSQL printed as 1.10 or 1E+400 is written back with the same digits."""
    text = '{"a": 1.10, "b": [1E+400, -0.0, 3], "c": "\\"x\\u2028", "d": null, "e": true}'
    parsed = json.loads(text, parse_float=Decimal)
    assert (
        jsonl.json_text(parsed)
        == '{"a": 1.10, "b": [1E+400, -0.0, 3], "c": "\\"x\u2028", "d": null, "e": true}'
    )


def test_an_event_line_gives_copy_the_jsonb_numbers_with_the_digits_of_the_file() -> None:
    """1.10 stays 1.10 on its way back into jsonb (a float would print 1.1); 1.5 stays 1.5."""
    names = [column.name for column in events.columns]
    decode = jsonl.decoder(jsonl.codecs(events))
    for data in ('{"a": 1.10, "b": [1.5]}', '{"b": [1.5, 2]}'):
        parts = [f'"{name}": {data if name == "data" else "null"}' for name in names]
        row = decode(("{" + ", ".join(parts) + "}\n").encode())
        assert row[names.index("data")] == data
