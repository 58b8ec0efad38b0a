"""Deployment settings: `check --deploy` is clean with DEBUG off; each setting follows the env."""

from __future__ import annotations

import importlib.util
import io
import runpy
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from tracker.config import ConfigurationError

#: 50 characters, 40 different ones, no "django-insecure-" prefix: what check --deploy asks for.
PRODUCTION_KEY = "k3Vq9ZpL2xR7tW0bN5mC8yH1jF4dG6sA-Q_u.Tz!e@o#i$r%wy"
SECURITY_VARIABLES = (
    "DEBUG",
    "TRACKER_HSTS_SECONDS",
    "TRACKER_HSTS_INCLUDE_SUBDOMAINS",
    "TRACKER_HSTS_PRELOAD",
    "TRACKER_SSL_REDIRECT",
    "TRACKER_SECURE_COOKIES",
    "TRACKER_TRUST_X_FORWARDED_PROTO",
    "TRACKER_FRAME_OPTIONS",
    "TRACKER_REFERRER_POLICY",
    "TRACKER_CSP",
    "TRACKER_LOGIN_FAILURE_LIMIT",
    "TRACKER_LOGIN_COOLOFF_MINUTES",
    "TRACKER_LOGIN_LOCKOUT_BY",
)


def tracker_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    """Run tracker/settings.py afresh under `env` (other security variables unset)."""
    for name in SECURITY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRET_KEY", PRODUCTION_KEY)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.find_spec("tracker.settings")
    assert spec is not None and spec.origin is not None
    return runpy.run_path(spec.origin, run_name="tracker_settings_probe")


def deploy_check(**changes: Any) -> str:
    """Run `check --deploy --fail-level WARNING` with DEBUG off and `changes`; return its output."""
    out = io.StringIO()
    with override_settings(DEBUG=False, SECRET_KEY=PRODUCTION_KEY, **changes):
        call_command("check", "--deploy", "--fail-level", "WARNING", stdout=out, stderr=out)
    return out.getvalue()


def test_check_deploy_is_clean_with_debug_off() -> None:
    """No deploy warning with DEBUG off (with HTTPS-only, which the test settings turn off)."""
    output = deploy_check(
        SECURE_SSL_REDIRECT=True, SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True
    )
    assert "no issues" in output


def test_check_deploy_is_clean_under_the_production_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The security settings that DEBUG off gives by default pass `check --deploy` as they are."""
    production = tracker_settings(monkeypatch, DEBUG="false")
    security = {
        name: production[name]
        for name in production
        if name.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "X_FRAME_"))
    }
    assert "no issues" in deploy_check(**security)


def test_check_deploy_flags_what_a_development_setup_leaves_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The development defaults (DEBUG on) fail the deploy check: it is not a formality."""
    development = tracker_settings(monkeypatch, DEBUG="true")
    with pytest.raises(SystemCheckError) as failed:
        deploy_check(
            SECURE_HSTS_SECONDS=development["SECURE_HSTS_SECONDS"],
            SECURE_SSL_REDIRECT=development["SECURE_SSL_REDIRECT"],
            SESSION_COOKIE_SECURE=development["SESSION_COOKIE_SECURE"],
        )
    for warning in ("security.W004", "security.W008", "security.W012"):
        assert warning in str(failed.value)


def test_debug_off_defaults_are_production_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """DEBUG off: a year of HSTS with subdomains and preload, HTTPS only, CSP enforced."""
    production = tracker_settings(monkeypatch, DEBUG="false")
    assert production["SECURE_HSTS_SECONDS"] == 31_536_000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and production["SECURE_HSTS_PRELOAD"]
    assert production["SECURE_SSL_REDIRECT"]
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["X_FRAME_OPTIONS"] == "DENY"
    assert production["SECURE_REFERRER_POLICY"] == "same-origin"
    assert production["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["script-src"] == ["'self'"]
    assert production["CONTENT_SECURITY_POLICY_REPORT_ONLY"] is None
    assert "SECURE_PROXY_SSL_HEADER" not in production  # X-Forwarded-Proto is not trusted


def test_debug_on_defaults_serve_plain_http(monkeypatch: pytest.MonkeyPatch) -> None:
    """DEBUG on: no HSTS, no redirect, cookies over HTTP too; the CSP still applies."""
    development = tracker_settings(monkeypatch, DEBUG="true")
    assert development["SECURE_HSTS_SECONDS"] == 0
    assert not development["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert not development["SECURE_SSL_REDIRECT"]
    assert not development["SESSION_COOKIE_SECURE"] and not development["CSRF_COOKIE_SECURE"]
    assert development["CONTENT_SECURITY_POLICY"] is not None


def test_each_setting_follows_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment overrides every default, in either direction."""
    changed = tracker_settings(
        monkeypatch,
        DEBUG="false",
        TRACKER_HSTS_SECONDS="600",
        TRACKER_HSTS_INCLUDE_SUBDOMAINS="false",
        TRACKER_HSTS_PRELOAD="false",
        TRACKER_SSL_REDIRECT="false",
        TRACKER_SECURE_COOKIES="false",
        TRACKER_TRUST_X_FORWARDED_PROTO="true",
        TRACKER_FRAME_OPTIONS="sameorigin",
        TRACKER_REFERRER_POLICY="strict-origin-when-cross-origin",
        TRACKER_CSP="report-only",
        TRACKER_LOGIN_FAILURE_LIMIT="7",
        TRACKER_LOGIN_COOLOFF_MINUTES="2",
        TRACKER_LOGIN_LOCKOUT_BY="username",
    )
    assert changed["SECURE_HSTS_SECONDS"] == 600
    assert not changed["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and not changed["SECURE_HSTS_PRELOAD"]
    assert not changed["SECURE_SSL_REDIRECT"] and not changed["SESSION_COOKIE_SECURE"]
    assert changed["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert changed["X_FRAME_OPTIONS"] == "SAMEORIGIN"
    assert changed["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"
    assert changed["CONTENT_SECURITY_POLICY"] is None
    assert changed["CONTENT_SECURITY_POLICY_REPORT_ONLY"]["DIRECTIVES"]["frame-ancestors"] == [
        "'self'"
    ]
    assert changed["AXES_FAILURE_LIMIT"] == 7
    assert changed["AXES_COOLOFF_TIME"].total_seconds() == 120
    assert changed["AXES_LOCKOUT_PARAMETERS"] == ["username"]
    development = tracker_settings(monkeypatch, DEBUG="true", TRACKER_HSTS_SECONDS="60")
    assert development["SECURE_HSTS_SECONDS"] == 60
    assert tracker_settings(monkeypatch, TRACKER_CSP="off")["CONTENT_SECURITY_POLICY"] is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TRACKER_HSTS_SECONDS", "a year"),
        ("TRACKER_HSTS_SECONDS", "-1"),
        ("TRACKER_LOGIN_FAILURE_LIMIT", "0"),
        ("TRACKER_CSP", "maybe"),
        ("TRACKER_LOGIN_LOCKOUT_BY", "everyone"),
    ],
)
def test_a_value_that_means_nothing_is_refused(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    """A malformed security variable stops the start-up with the variable's name."""
    with pytest.raises(ConfigurationError, match=name):
        tracker_settings(monkeypatch, **{name: value})
