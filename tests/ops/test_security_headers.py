"""Security headers on admin and docs responses; pages run no inline script the CSP would block."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|<[^>]+\sstyle\s*=", re.I)


def policy(response: Any) -> dict[str, list[str]]:
    """Return the response's Content-Security-Policy as {directive: sources}."""
    parts = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {words[0]: words[1:] for words in parts if words}


@pytest.fixture
def admin_client() -> Client:
    """Return a client logged in as a superuser."""
    user = get_user_model().objects.create_superuser("headers-admin", "", "pw-not-used-here")
    client = Client()
    client.force_login(user)
    return client


def test_admin_login_carries_the_security_headers() -> None:
    """The admin answers with CSP, frame, referrer, sniffing and opener headers."""
    response = Client().get("/admin/login/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'self'"] and csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"] and csp["img-src"] == ["'self'", "data:"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"] and csp["base-uri"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert INLINE_SCRIPT.findall(response.content.decode()) == []
    assert INLINE_STYLE.findall(response.content.decode()) == []


def test_https_responses_carry_hsts_with_subdomains_and_preload() -> None:
    """Over HTTPS the admin sends a year of HSTS, subdomains included, preload asked."""
    response = Client().get("/admin/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Strict-Transport-Security" not in Client().get("/admin/login/")  # never over HTTP


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_except_the_health_probe() -> None:
    """With the redirect on (production's default), HTTP goes to HTTPS; /api/v1/health does not."""
    response = Client().get("/admin/login/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/admin/login/"
    assert Client().get("/api/v1/health").status_code != 301


@override_settings(
    CONTENT_SECURITY_POLICY=None,
    CONTENT_SECURITY_POLICY_REPORT_ONLY={"DIRECTIVES": {"default-src": ["'self'"]}},
)
def test_report_only_mode_sends_the_policy_without_enforcing_it() -> None:
    """TRACKER_CSP=report-only sends the report-only header instead of the enforcing one."""
    response = Client().get("/admin/login/")
    assert "Content-Security-Policy" not in response
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'self'"


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/newsroom/",
        "/admin/newsroom/actors/",
        "/admin/backoffice/event/",
        "/admin/auth/user/add/",
        "/admin/axes/accessattempt/",
        "/api/v1/docs",
    ],
)
def test_pages_run_no_inline_script_or_style(admin_client: Client, path: str) -> None:
    """Admin pages and the API docs load scripts and styles from files only, as the CSP needs."""
    response = admin_client.get(path)
    assert response.status_code == 200
    assert "Content-Security-Policy" in response
    html = response.content.decode()
    assert INLINE_SCRIPT.findall(html) == []
    assert EVENT_HANDLER.findall(html) == []
    assert INLINE_STYLE.findall(html) == []
