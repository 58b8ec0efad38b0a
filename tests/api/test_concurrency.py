"""Eight real HTTP clients race to write one story with If-Match: one winner per version."""

from __future__ import annotations

import threading
import uuid

import pytest

from tests.api.helpers import statement
from tests.api.live import call

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

CLIENTS = 8
TARGET_VERSION = 33  # the story opened (version 1) plus 32 developments


def test_concurrent_writers_win_once_per_version(live_url: str, live_write_token: str) -> None:
    """Every version has exactly one 201; every 201's position is in the feed exactly once."""
    auth = {"Authorization": f"Bearer {live_write_token}"}
    story = call(live_url, "POST", "/api/v1/stories", {"title": f"Race {uuid.uuid4()}"}, auth)
    assert story.status == 201
    path = f"/api/v1/stories/{story.body['id']}/developments"
    wins: list[tuple[int, int]] = []
    odd: list[tuple[int, object]] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        seen = 1
        while seen < TARGET_VERSION:
            body = statement(f"Writer {n} after version {seen}")
            answer = call(live_url, "POST", path, body, {**auth, "If-Match": f'"{seen}"'})
            with lock:
                if answer.status == 201:
                    wins.append((answer.body["version"], answer.body["position"]))
                    seen = answer.body["version"]
                elif answer.status == 409 and answer.body["code"] == "version_conflict":
                    seen = answer.body["current_version"]
                else:
                    odd.append((answer.status, answer.body))
                    return

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert odd == []
    assert sorted(version for version, _ in wins) == list(range(2, TARGET_VERSION + 1))
    feed: list[int] = []
    after = story.body["position"] - 1
    while True:
        page = call(live_url, "GET", f"/api/v1/events?after={after}&limit=1000").body
        if not page["items"]:
            break
        feed += [item["position"] for item in page["items"]]
        after = page["next_after"]
    assert all(feed.count(position) == 1 for _, position in wins)
