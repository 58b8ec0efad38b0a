"""Fixtures of the backoffice tests: newsroom users, logged-in clients, a fresh story."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from tracker.backoffice.roles import EDITORS, VIEWERS, roles_ensure
from tracker.services import stories

PASSWORD = "correct-horse-battery-staple"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser test last: it records into the shared sample story, which persists."""
    browser = [item for item in items if item.get_closest_marker("browser")]
    others = [item for item in items if not item.get_closest_marker("browser")]
    items[:] = others + browser


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker of the browser test."""
    config.addinivalue_line("markers", "browser: drives headless Chromium against a live server")


def newsroom_user(group: str | None, *, superuser: bool = False) -> Any:
    """Create a staff user (in a group) with a unique name and the test password."""
    roles_ensure()
    users = get_user_model()
    name = f"{group or 'admin'}-{uuid.uuid4().hex[:8]}"
    if superuser:
        return users.objects.create_superuser(username=name, email="", password=PASSWORD)
    user = users.objects.create_user(username=name, password=PASSWORD, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(user: Any) -> Client:
    """Return a test client with `user` logged in."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(transactional_db: None) -> Any:
    """Return a user of the editors group."""
    return newsroom_user(EDITORS)


@pytest.fixture
def viewer(transactional_db: None) -> Any:
    """Return a user of the viewers group."""
    return newsroom_user(VIEWERS)


@pytest.fixture
def editor_client(editor: Any) -> Client:
    """Return a client logged in as an editor."""
    return logged_in(editor)


@pytest.fixture
def viewer_client(viewer: Any) -> Client:
    """Return a client logged in as a viewer."""
    return logged_in(viewer)


@pytest.fixture
def superuser_client(transactional_db: None) -> Client:
    """Return a client logged in as a superuser (as `manage.py ensure_admin` makes)."""
    return logged_in(newsroom_user(None, superuser=True))


@pytest.fixture
def story(transactional_db: None) -> str:
    """Open a fresh story and return its slug."""
    result = stories.story_open(title=f"Backoffice test {uuid.uuid4().hex[:10]}", language="en")
    assert result.slug is not None
    return result.slug
