"""Admin logins: repeated failures lock one client out of one account until cool-off or reset."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import AsyncClient, Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "correct-horse-battery-staple"
LIMIT = 3
COOL_OFF = timedelta(minutes=15)


@pytest.fixture(autouse=True)
def lockout_settings(settings: Any) -> None:
    """Pin the limit and cool-off, whatever the environment sets."""
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = COOL_OFF


@pytest.fixture
def staff() -> Any:
    """Return a staff user with the test password."""
    return get_user_model().objects.create_user("lockout-editor", password=PASSWORD, is_staff=True)


def attempt(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> Any:
    """Post the admin login form from the client address `ip`."""
    body = {"username": username, "password": password, "next": "/admin/"}
    return client.post(f"{LOGIN}?next=/admin/", body, REMOTE_ADDR=ip)


def logged_in(client: Client) -> bool:
    """Return whether the client's session opens the admin index."""
    return bool(client.get("/admin/").status_code == 200)


def lock_out(client: Client, username: str) -> Any:
    """Fail the login LIMIT times and return the last answer."""
    for _ in range(LIMIT):
        response = attempt(client, username, "wrong password")
    return response


def test_the_right_password_logs_in(staff: Any) -> None:
    """A normal login reaches the admin."""
    client = Client()
    response = attempt(client, staff.username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert logged_in(client)


def test_failures_below_the_limit_leave_the_login_open(staff: Any) -> None:
    """LIMIT - 1 failures show the form's error; the right password still logs in."""
    client = Client()
    for _ in range(LIMIT - 1):
        response = attempt(client, staff.username, "wrong password")
        assert response.status_code == 200
        assert b"Please enter the correct username and password" in response.content
    assert attempt(client, staff.username, PASSWORD).status_code == 302
    assert logged_in(client)
    assert not AccessAttempt.objects.filter(username=staff.username).exists()  # success forgets


def test_limit_failures_lock_out_even_the_right_password(staff: Any) -> None:
    """After LIMIT failures the login answers 429 with a page that says why and for how long."""
    client = Client()
    locked = lock_out(client, staff.username)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed login attempts" in page and staff.username in page
    assert "15 minutes" in page and "axes_reset_username" in page

    refused = attempt(client, staff.username, PASSWORD)
    assert refused.status_code == 429 and "Login locked" in refused.content.decode()
    assert not logged_in(client)


def test_the_lock_lifts_once_the_cool_off_has_passed(staff: Any) -> None:
    """Failures older than the cool-off no longer count: the right password logs in again."""
    client = Client()
    lock_out(client, staff.username)
    assert attempt(client, staff.username, PASSWORD).status_code == 429
    past = timezone.now() - COOL_OFF - timedelta(seconds=1)
    AccessAttempt.objects.filter(username=staff.username).update(attempt_time=past)
    assert attempt(client, staff.username, PASSWORD).status_code == 302
    assert logged_in(client)


def test_an_administrator_resets_the_lock(staff: Any) -> None:
    """`manage.py axes_reset_username NAME` lifts the lock at once."""
    client = Client()
    lock_out(client, staff.username)
    call_command("axes_reset_username", staff.username, stdout=None)
    assert attempt(client, staff.username, PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_lock_holds_one_client_and_one_account(staff: Any) -> None:
    """Other clients, and other accounts from the locked client, still log in."""
    other = get_user_model().objects.create_user("lockout-other", password=PASSWORD, is_staff=True)
    lock_out(Client(), staff.username)
    assert attempt(Client(), staff.username, PASSWORD, ip="10.0.0.2").status_code == 302
    assert attempt(Client(), other.username, PASSWORD).status_code == 302


def test_the_lockout_page_is_served_under_asgi(staff: Any) -> None:
    """Under ASGI (how `manage.py serve` runs) a locked-out login also answers the 429 page."""
    for _ in range(LIMIT):
        attempt(Client(), staff.username, "wrong password", ip="127.0.0.1")  # AsyncClient's address
    body = {"username": staff.username, "password": PASSWORD, "next": "/admin/"}
    response = async_to_sync(AsyncClient().post)(LOGIN, body)
    assert response.status_code == 429 and b"Login locked" in response.content
