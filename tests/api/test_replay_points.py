"""Replay says what it did: the basis echoed, a date meaning its end, a version not reached 404."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from tests.api.helpers import get, new_story, post, statement
from tracker.bootstrap import event_store

pytestmark = pytest.mark.django_db(transaction=True)


def opened_at(story: dict[str, Any]) -> datetime:
    """Return when the story's first event was recorded."""
    [opened] = event_store().read_stream(uuid.UUID(story["id"]), to_version=1)
    return opened.recorded_at


def test_as_of_without_basis_says_it_used_recorded(client: Client, write_token: str) -> None:
    """A replay by time answers `replay` with the UTC time it used and the default basis."""
    story = new_story(client, write_token)
    moment = (opened_at(story) + timedelta(seconds=1)).astimezone(UTC)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    state = get(client, f"/stories/{story['id']}?as_of={text}")
    assert state.status_code == 200, state.content
    echo = state.json()["replay"]
    assert echo["basis"] == "recorded" and echo["version"] is None
    assert datetime.fromisoformat(echo["as_of"]) == moment and echo["as_of"].endswith("Z")
    occurred = get(client, f"/stories/{story['id']}/timeline?as_of={text}&basis=occurred")
    assert occurred.json()["replay"]["basis"] == "occurred"


def test_a_version_replay_echoes_the_version_and_the_live_state_has_no_replay(
    client: Client, write_token: str
) -> None:
    """?version=N answers replay {version: N}; a live read has no `replay` member."""
    story = new_story(client, write_token)
    replayed = get(client, f"/stories/{story['id']}?version=1").json()
    assert replayed["replay"] == {"version": 1, "as_of": None, "basis": None}
    assert get(client, f"/stories/{story['id']}/timeline?version=1").json()["replay"]["version"]
    assert "replay" not in get(client, f"/stories/{story['id']}").json()
    assert "replay" not in get(client, f"/stories/{story['id']}/timeline").json()


def test_a_date_alone_means_the_end_of_that_day_in_utc(client: Client, write_token: str) -> None:
    """as_of=<the day the story opened> shows it; the day before is 404; the echo is 23:59 UTC."""
    story = new_story(client, write_token)
    day = opened_at(story).astimezone(UTC).date()
    state = get(client, f"/stories/{story['id']}?as_of={day.isoformat()}")
    assert state.status_code == 200, state.content
    assert state.json()["version"] == 1
    assert state.json()["replay"]["as_of"] == f"{day.isoformat()}T23:59:59.999999Z"
    before = get(client, f"/stories/{story['id']}?as_of={(day - timedelta(days=1)).isoformat()}")
    assert before.status_code == 404 and before.json()["code"] == "not_found"


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/New_York", "Pacific/Kiritimati"])
def test_a_date_alone_is_read_in_the_zone_tz_names(
    client: Client, write_token: str, zone: str
) -> None:
    """With tz, a date is the end of that day there: the local opening day shows the story."""
    story = new_story(client, write_token)
    local_day = opened_at(story).astimezone(ZoneInfo(zone)).date()
    state = get(client, f"/stories/{story['id']}?as_of={local_day}&tz={zone}")
    assert state.status_code == 200, state.content
    end = datetime.combine(local_day, datetime.max.time(), tzinfo=ZoneInfo(zone))
    assert state.json()["replay"]["as_of"] == end.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    day_before = local_day - timedelta(days=1)
    assert get(client, f"/stories/{story['id']}?as_of={day_before}&tz={zone}").status_code == 404


def test_tz_reads_a_time_without_offset_and_leaves_an_offset_alone(
    client: Client, write_token: str
) -> None:
    """A time without offset is read in tz; one with its own offset keeps it."""
    story = new_story(client, write_token)
    path = f"/stories/{story['id']}"
    local = get(client, f"{path}?as_of=2099-01-01T12:00:00&tz=Europe/Berlin").json()
    assert local["replay"]["as_of"] == "2099-01-01T11:00:00Z"
    own = get(client, f"{path}?as_of=2099-01-01T12:00:00Z&tz=Europe/Berlin").json()
    assert own["replay"]["as_of"] == "2099-01-01T12:00:00Z"


def test_an_unknown_zone_is_422_on_tz(client: Client, write_token: str) -> None:
    """tz=Mars/Olympus (or a path-like name) is refused on the tz field."""
    story = new_story(client, write_token)
    for zone in ("Mars/Olympus", "../etc", "Europe"):
        response = get(client, f"/stories/{story['id']}?as_of=2025-01-01&tz={zone}")
        assert response.status_code == 422, zone
        assert response.json()["errors"][0]["field"] == "tz"


def test_a_version_beyond_the_current_one_is_404_version_not_found(
    client: Client, write_token: str
) -> None:
    """?version=99 on a 2-version story answers 404 version_not_found on the state and timeline."""
    story = new_story(client, write_token)
    added = post(client, f"/stories/{story['id']}/developments", statement(), write_token)
    assert added.status_code == 201
    for path in (f"/stories/{story['id']}", f"/stories/{story['id']}/timeline"):
        response = get(client, f"{path}?version=99")
        assert response.status_code == 404, path
        body = response.json()
        assert body["code"] == "version_not_found" and "version 2" in body["detail"]
        assert get(client, f"{path}?version=2").status_code == 200
