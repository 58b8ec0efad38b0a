"""GET /events: the global feed, straight from the store, in position order."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from tracker.bootstrap import event_store
from tracker.services.stories import story_open

pytestmark = pytest.mark.django_db(transaction=True)  # read_all sees only committed events


def open_stories(count: int) -> list[int]:
    """Open `count` stories through the service; return their positions."""
    tag = uuid.uuid4().hex[:8]
    results = [story_open(title=f"Feed test {tag} {n}", recorded_by={}) for n in range(count)]
    return [result.position for result in results]


def test_feed_pages_in_position_order(client: Client) -> None:
    """Every event after `after` comes once, in order; next_after continues the read."""
    start = event_store().last_position()
    positions = open_stories(3)
    seen: list[int] = []
    after = start
    for _ in range(10):
        page = client.get(f"/api/v1/events?after={after}&limit=1").json()
        if not page["items"]:
            assert page["next_after"] == after
            break
        seen += [item["position"] for item in page["items"]]
        after = page["next_after"]
    assert seen == positions


def test_feed_items_are_event_envelopes(client: Client) -> None:
    """An item carries every envelope field; `type` is the event type."""
    [position] = open_stories(1)
    [item] = client.get(f"/api/v1/events?after={position - 1}&limit=1").json()["items"]
    assert item["position"] == position and item["type"] == "story_opened"
    assert item["stream_type"] == "story" and item["version"] == 1
    assert set(item) == {
        "position", "event_id", "stream_id", "stream_type", "version", "type", "schema_version",
        "data", "metadata", "occurred_at", "occurred_precision", "reported_at", "recorded_at",
    }  # fmt: skip
    assert item["recorded_at"].endswith("Z")


def test_feed_filters_by_type_and_stream_type(client: Client) -> None:
    """`type` and `stream_type` (repeatable) narrow the feed."""
    start = event_store().last_position()
    positions = open_stories(2)
    by_type = client.get(f"/api/v1/events?after={start}&type=story_opened&type=visit").json()
    assert [item["position"] for item in by_type["items"]] == positions
    none = client.get(f"/api/v1/events?after={start}&stream_type=actor").json()
    assert none["items"] == [] and none["next_after"] == start
