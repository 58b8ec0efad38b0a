"""Who may read and write: bearer tokens by scope, public reads, staff sessions."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import override_settings

from tests.api.conftest import bearer
from tracker.api.tokens import token_revoke

pytestmark = pytest.mark.django_db


def post_story(client: Client, **extra: str) -> int:
    """POST an invalid (empty) story, so that passing auth shows as 422; return the status."""
    response = client.post("/api/v1/stories", "{}", content_type="application/json", **extra)
    return response.status_code


def test_write_without_token_is_401(client: Client) -> None:
    """No Authorization header on a write: 401 unauthorized with a Bearer challenge."""
    response = client.post("/api/v1/stories", "{}", content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header", ["Bearer nope", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 5000, "garbage"]
)
def test_write_with_invalid_token_is_401(client: Client, header: str) -> None:
    """An unknown token, another scheme or a malformed header: 401 unauthorized."""
    assert post_story(client, HTTP_AUTHORIZATION=header) == 401


def test_write_with_read_token_is_403(client: Client, read_token: str) -> None:
    """A read token on a write: 403 forbidden."""
    response = client.post(
        "/api/v1/stories", "{}", content_type="application/json", **bearer(read_token)
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_write_token_passes(client: Client, write_token: str) -> None:
    """A write token gets through auth (the empty body then fails validation)."""
    assert post_story(client, **bearer(write_token)) == 422


def test_revoked_token_is_401(client: Client, write_token: str) -> None:
    """A revoked token is refused at once."""
    from tracker.api.models import ApiToken

    name = ApiToken.objects.latest("created_at").name
    token_revoke(name=name)
    assert post_story(client, **bearer(write_token)) == 401


@override_settings(TRACKER_PUBLIC_READ=True)
def test_public_reads_need_no_token(client: Client) -> None:
    """With TRACKER_PUBLIC_READ, reads answer without a token, but not with a bad one."""
    assert client.get("/api/v1/events?limit=1").status_code == 200
    assert client.get("/api/v1/events", HTTP_AUTHORIZATION="Bearer bad").status_code == 401


@override_settings(TRACKER_PUBLIC_READ=False)
def test_private_reads_need_a_token(client: Client, read_token: str, write_token: str) -> None:
    """Without TRACKER_PUBLIC_READ, reads need a read or write token."""
    assert client.get("/api/v1/events").status_code == 401
    assert client.get("/api/v1/events", **bearer(read_token)).status_code == 200
    assert client.get("/api/v1/events", **bearer(write_token)).status_code == 200
    assert client.get("/api/v1/health").status_code == 200  # the probe stays open


def test_staff_session_may_write_with_csrf() -> None:
    """A logged-in staff user may write, but only with a valid CSRF token."""
    user = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert post_story(client) == 403
    secret = "s" * 32  # a CSRF secret as Django's cookie holds it
    client.cookies["csrftoken"] = secret
    assert post_story(client, HTTP_X_CSRFTOKEN="t" * 32) == 403
    assert post_story(client, HTTP_X_CSRFTOKEN=secret) == 422


def test_non_staff_session_may_not_write() -> None:
    """A logged-in user without is_staff gets 401 on writes."""
    user = get_user_model().objects.create_user("reader", password="pw")
    client = Client()
    client.force_login(user)
    assert post_story(client) == 401
