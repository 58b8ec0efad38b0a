"""Hash chains: every append path links its events; edits around the triggers are caught."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from tests.eventstore.conftest import events
from tracker.eventstore import EventStore, NewEvent, StreamAppend, migrate
from tracker.eventstore.model import ANY, NO_STREAM
from tracker.eventstore.verification import check_heads, verify_chains

pytestmark = pytest.mark.django_db


@pytest.fixture
def chained(scratch: Engine) -> tuple[Engine, EventStore, list[uuid.UUID]]:
    """Return a migrated scratch store holding three streams written by every append path."""
    migrate.upgrade(scratch)
    store = EventStore(scratch)
    first, second, third = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    for n in range(3):  # the one-event INSERT, guarded by version and by ANY
        first_event = [NewEvent("noted", {"n": n, "big": 1e22})]
        store.append(first, "story", first_event, expected_version=n or NO_STREAM)
        store.append(second, "story", [NewEvent("noted", {"x": 0.1})], expected_version=ANY)
    store.append(
        first, "story", events(4), expected_version=3
    )  # COPY, several events of one stream
    store.append_many(  # COPY, several streams at once
        [
            StreamAppend(second, "story", events(2), ANY),
            StreamAppend(third, "actor", events(1), NO_STREAM),
        ]
    )
    with scratch.begin() as connection:  # composed into a caller's transaction
        store.append(third, "actor", events(2), expected_version=1, connection=connection)
    return scratch, store, [first, second, third]


def _superuser_edit(engine: Engine, sql: str) -> None:
    """Change the events table as its owner would, with the immutability triggers disabled."""
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE events DISABLE TRIGGER ALL"))
        connection.execute(text(sql))
        connection.execute(text("ALTER TABLE events ENABLE TRIGGER ALL"))


def test_every_append_path_writes_a_chain_that_verifies(chained: tuple) -> None:
    """Single INSERTs, COPY of one or many streams and composed appends all verify intact."""
    engine, _, streams = chained
    report = verify_chains(engine)
    assert report.intact, [str(f) for f in report.findings]
    assert (report.events, report.streams) == (7 + 5 + 3, 3)
    assert {head[0] for head in report.heads} == set(streams)


def test_an_edit_made_with_the_triggers_disabled_is_reported(chained: tuple) -> None:
    """A superuser who rewrites one event's data around the triggers is caught, event named."""
    engine, _, (first, _, _) = chained
    _superuser_edit(
        engine,
        f"UPDATE events SET data = data || '{{\"n\": 99}}' "
        f"WHERE stream_id = '{first}' AND version = 2",
    )
    report = verify_chains(engine)
    assert [(f.stream_id, f.version) for f in report.findings] == [(first, 2)]
    assert "altered" in report.findings[0].problem


def test_a_changed_recorded_at_is_reported(chained: tuple) -> None:
    """Back-dating when an event was recorded breaks its link."""
    engine, _, (_, second, _) = chained
    _superuser_edit(
        engine,
        "UPDATE events SET recorded_at = recorded_at - interval '1 day' "
        f"WHERE stream_id = '{second}' AND version = 1",
    )
    assert [(f.stream_id, f.version) for f in verify_chains(engine).findings] == [(second, 1)]


def test_a_removed_event_is_reported_at_the_gap(chained: tuple) -> None:
    """Deleting an event from the middle of a stream leaves a gap the verifier names."""
    engine, _, (first, _, _) = chained
    _superuser_edit(engine, f"DELETE FROM events WHERE stream_id = '{first}' AND version = 4")
    findings = verify_chains(engine).findings
    assert [(f.stream_id, f.version) for f in findings] == [(first, 5)]
    assert "removed" in findings[0].problem


def test_an_inserted_event_is_reported(chained: tuple) -> None:
    """Slipping an event in (later versions renumbered to make room) breaks the chain."""
    engine, _, (first, _, _) = chained
    _superuser_edit(
        engine,
        f"UPDATE events SET version = version + 1000 WHERE stream_id = '{first}' AND version >= 5;"
        f"UPDATE events SET version = version - 999 WHERE stream_id = '{first}' AND version > 1000;"
        "INSERT INTO events (position, event_id, stream_id, stream_type, version, event_type,"
        " data, chain_hash) SELECT max(position) + 1, gen_random_uuid(),"
        f" '{first}', 'story', 5, 'noted', '{{}}', sha256('forged') FROM events",
    )
    findings = verify_chains(engine).findings
    assert findings and {f.stream_id for f in findings} == {first}
    assert findings[0].version == 5


def test_a_removed_last_event_is_caught_against_saved_heads(chained: tuple) -> None:
    """Cutting a stream's tail leaves its chain valid, but the heads saved earlier catch it."""
    engine, store, (first, second, _) = chained
    heads = verify_chains(engine).heads
    store.append(
        second, "story", events(1), expected_version=ANY
    )  # appends after saving heads are fine
    assert check_heads(engine, heads) == []
    _superuser_edit(engine, f"DELETE FROM events WHERE stream_id = '{first}' AND version = 7")
    assert verify_chains(engine).intact
    assert [(f.stream_id, f.version) for f in check_heads(engine, heads)] == [(first, 7)]


def test_verify_store_exits_1_on_a_tampered_store_and_0_on_an_intact_one(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command verifies the test database, saves heads, and checks them again."""
    store = EventStore(engine)
    store.append(uuid.uuid4(), "story", events(2), expected_version=ANY)
    heads = tmp_path / "heads.json"
    call_command("verify_store", "--no-progress", "--save-heads", str(heads))
    assert "0 problems; root " in capsys.readouterr().out
    call_command("verify_store", "--no-progress", "--check-heads", str(heads))
    assert heads.read_text().startswith('{\n"root"')


def test_verify_store_exits_1_when_a_chain_is_broken(
    scratch: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken link makes verify_store print the event and exit with status 1."""
    migrate.upgrade(scratch)
    stream = uuid.uuid4()
    EventStore(scratch).append(stream, "story", events(3), expected_version=NO_STREAM)
    _superuser_edit(scratch, "UPDATE events SET event_type = 'forged' WHERE version = 2")
    monkeypatch.setattr("tracker.bootstrap.engine", lambda: scratch)
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_store", "--no-progress")
    assert exit_info.value.code == 1
    assert f"stream {stream} version 2" in capsys.readouterr().err


def test_the_migration_links_events_stored_before_the_chain(scratch: Engine) -> None:
    """Events stored under revision 0001 get their chain when 0002 runs, and appends go on."""
    migrate.upgrade(scratch, "0001")
    stream = uuid.uuid4()
    with scratch.begin() as connection:
        for version in (1, 2):
            connection.execute(
                text(
                    "INSERT INTO events (position, event_id, stream_id, stream_type, version,"
                    " event_type, data) VALUES (:p, :e, :s, 'story', :v, 'noted', '{\"k\": 1.5}')"
                ),
                {"p": version, "e": uuid.uuid4(), "s": stream, "v": version},
            )
    migrate.upgrade(scratch)
    EventStore(scratch).append(stream, "story", events(1), expected_version=2)
    report = verify_chains(scratch)
    assert report.intact and report.events == 3


TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"))
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT
)
JSON_OBJECTS = st.dictionaries(
    TEXT,
    st.recursive(
        JSON_SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner),
        max_leaves=12,
    ),
    max_size=6,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(datas=st.lists(JSON_OBJECTS, min_size=1, max_size=3))
def test_any_json_the_store_takes_hashes_the_same_when_read_back(
    scratch_store: EventStore, datas: list[dict]
) -> None:
    """Whatever numbers and text an event holds, jsonb's round trip keeps its chain intact."""
    stream = uuid.uuid4()
    scratch_store.append(
        stream, "story", [NewEvent("noted", data) for data in datas], expected_version=NO_STREAM
    )
    scratch_store.append(stream, "story", [NewEvent("noted", datas[0])], expected_version=ANY)
    report = verify_chains(scratch_store.engine)
    assert report.intact, [str(f) for f in report.findings]


@pytest.fixture
def scratch_store(scratch: Engine) -> EventStore:
    """Return a store on a migrated scratch database."""
    migrate.upgrade(scratch)
    return EventStore(scratch)
