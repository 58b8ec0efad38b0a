"""Old payload versions are upcast on read: statement v1 `text` became v2 `content`."""

from __future__ import annotations

from tests.domain.conftest import SOURCE, World
from tests.domain.support import T0, new_id
from tracker.domain import CURRENT_SCHEMA_VERSIONS, Event, fold, to_document, upcast


def test_statement_is_at_schema_version_2() -> None:
    """New statements are written as v2."""
    assert CURRENT_SCHEMA_VERSIONS["statement"] == 2
    assert CURRENT_SCHEMA_VERSIONS["visit"] == 1


def test_upcast_renames_text_to_content_and_leaves_current_data_alone() -> None:
    """v1 data gains `content`; v2 data passes through untouched."""
    assert upcast("statement", 1, {"text": "We are ready", "speaker": {}}) == {
        "content": "We are ready",
        "speaker": {},
    }
    current = {"content": "x"}
    assert upcast("statement", 2, current) is current
    assert upcast("visit", 1, current) is current


def test_fold_reads_a_v1_statement_as_v2(world: World) -> None:
    """A stored v1 statement shows its words as `content` in the state and document."""
    events = world.store.story_events(world.story_id)
    speaker = events[-1].data["visitor"]
    old = Event(
        position=50,
        event_id=new_id("old statement"),
        stream_id=world.story_id,
        stream_type="story",
        version=len(events) + 1,
        event_type="statement",
        schema_version=1,
        data={
            "summary": "Putin speaks",
            "source": SOURCE,
            "speaker": speaker,
            "text": "Ready to talk",
            "actors": [],
        },
        recorded_at=T0,
    )
    state = fold([*events, old])
    assert state.developments[old.event_id].data["content"] == "Ready to talk"
    assert "text" not in state.developments[old.event_id].data
    (statement,) = to_document(state, world.store.directory)["statements"]
    assert statement["content"] == "Ready to talk"
