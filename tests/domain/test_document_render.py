"""The rendered document is a copy: changing it never reaches the folded state."""

from __future__ import annotations

import json
from collections import OrderedDict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tests.domain.support import load_seed, new_id
from tracker.domain import decide_correct_development, iso, to_document
from tracker.domain.view import json_copy


def scribble(value: Any) -> None:
    """Add to and change every dict and list inside a document."""
    if isinstance(value, dict):
        for key in list(value):
            scribble(value[key])
            value[key] = "changed" if not isinstance(value[key], dict | list) else value[key]
        value["added"] = True
    elif isinstance(value, list):
        for item in value:
            scribble(item)
        value.append("added")


def test_changing_a_document_leaves_the_state_and_the_next_document_alone() -> None:
    """Scribbling over every container of a document renders the same document again."""
    store, commands = load_seed()
    state = store.story(commands.story_id)
    target = next(iter(state.developments))
    store.append(
        decide_correct_development(
            story=state,
            target=target,
            changes={"summary": "corrected summary"},
            reason="typo",
            event_id=new_id("typo"),
            resolve_actor=store.directory.resolve,
            actor_exists=store.directory.exists,
        )
    )
    first = to_document(state, store.directory)
    expected = json.dumps(first)
    assert any(entry["history"] for entry in first["timeline"])
    scribble(first)
    assert json.dumps(to_document(state, store.directory)) == expected


def test_json_copy_copies_every_dict_and_list_and_keeps_scalars() -> None:
    """Nested containers are new objects; a dict subclass becomes a plain dict."""
    original: dict[str, Any] = {
        "a": [1, {"b": "x"}],
        "c": OrderedDict(d=2.5),
        "e": None,
        "f": (1, 2),
    }
    copied = json_copy(original)
    assert copied == original
    assert copied is not original
    assert copied["a"] is not original["a"]
    assert copied["a"][1] is not original["a"][1]
    assert type(copied["c"]) is dict
    assert copied["f"] is original["f"]


def test_iso_tells_apart_the_two_readings_of_a_repeated_hour() -> None:
    """The same wall-clock time on either side of a clock change gives two UTC texts."""
    berlin = ZoneInfo("Europe/Berlin")
    summer = datetime(2025, 10, 26, 2, 30, tzinfo=berlin)
    winter = summer.replace(fold=1)
    assert iso(summer) == "2025-10-26T00:30:00Z"
    assert iso(winter) == "2025-10-26T01:30:00Z"
    assert iso(summer) == "2025-10-26T00:30:00Z"
