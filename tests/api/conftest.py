"""Fixtures of the API tests: tokens, auth headers and a live uvicorn server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.conf import settings

from tests.api.live import uvicorn_server
from tracker.api.stream import broadcaster
from tracker.api.tokens import token_create


def bearer(token: str) -> dict[str, str]:
    """Return the Django test client's keyword for an Authorization header."""
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _token(scope: str) -> str:
    return token_create(name=f"{scope}-{uuid.uuid4().hex[:10]}", scope=scope)


@pytest.fixture
def write_token(db: None) -> str:
    """Return a fresh write token (in the test's transaction)."""
    return _token("write")


@pytest.fixture
def read_token(db: None) -> str:
    """Return a fresh read token (in the test's transaction)."""
    return _token("read")


@pytest.fixture
def live_write_token(transactional_db: None) -> str:
    """Return a committed write token, visible to a live server's connections."""
    return _token("write")


@pytest.fixture(scope="session")
def live_url(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[str]:
    """Serve the tracker with uvicorn in a thread for the whole session; yield its base URL.

    Its request threads close their connections after each request (CONN_MAX_AGE 0), and the
    SSE broadcaster stops at the end, so the test database can be dropped.
    """
    database = settings.DATABASES["default"]
    max_age = database["CONN_MAX_AGE"]
    database["CONN_MAX_AGE"] = 0
    try:
        with django_db_blocker.unblock(), uvicorn_server() as url:  # type: ignore[attr-defined]
            yield url
    finally:
        broadcaster.stop()
        database["CONN_MAX_AGE"] = max_age
